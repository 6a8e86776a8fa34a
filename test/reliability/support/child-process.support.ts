import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/** Child processes for the crash suites: TypeScript run through the SWC hook, killed for real. */

const ROOT = resolve(__dirname, '../../..');
const HOOK = resolve(ROOT, 'scripts/swc-register.js');

export type Child = { proc: ChildProcess; output: () => string; exited: Promise<number | string | null> };

/** A port that was free a moment ago (PORT=0 is not printable by the service, so we pick one). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
    server.on('error', fail);
  });
}

/** Starts `node -r swc-register <file>` with exactly this environment (plus PATH); stdout and stderr are kept. */
export function spawnTs(file: string, env: Record<string, string>): Child {
  const proc = spawn(process.execPath, ['-r', HOOK, resolve(ROOT, file)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.on('data', (chunk) => (output += chunk));
  proc.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | string | null>((done) => proc.on('exit', (code, signal) => done(signal ?? code)));
  return { proc, output: () => output, exited };
}

/** Polls until the port answers HTTP (any status), or fails with the child's output after timeoutMs. */
export async function waitForHttp(child: Child, url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.proc.exitCode !== null) throw new Error(`child exited early:\n${child.output()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`no answer on ${url} after ${timeoutMs} ms:\n${child.output()}`);
}

/** kill -9 and wait for the exit: no shutdown hook, no flush, no drain. */
export async function kill9(child: Child): Promise<void> {
  if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGKILL');
  await child.exited;
}

/** Graceful stop for the end of a test (SIGTERM, then SIGKILL after graceMs). */
export async function stop(child: Child, graceMs = 5000): Promise<void> {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  child.proc.kill('SIGTERM');
  const timer = setTimeout(() => child.proc.kill('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
}
