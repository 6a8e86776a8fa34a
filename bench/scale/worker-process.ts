import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { stopChild } from '../lib/child';

/** One `start:worker` process run from source through the SWC hook, so no build is needed; killed for real. */
const ROOT = resolve(__dirname, '../..');
const HOOK = resolve(ROOT, 'scripts/swc-register.js');
const WORKER = resolve(ROOT, 'apps/order-service/src/worker.ts');

export type WorkerProcess = { proc: ChildProcess; output: () => string; exited: Promise<unknown> };

export function spawnWorker(role: string, env: Record<string, string>): WorkerProcess {
  const proc = spawn(process.execPath, ['-r', HOOK, WORKER, role], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
  proc.stderr!.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
  return { proc, output: () => output, exited: new Promise((done) => proc.on('exit', (code, signal) => done(signal ?? code))) };
}

export const isRunning = (w: WorkerProcess | undefined): boolean => !!w && w.proc.exitCode === null && w.proc.signalCode === null;

/** Until the port answers HTTP (any status); fails with the worker's output. */
export async function waitForHttp(worker: WorkerProcess, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning(worker)) throw new Error(`worker exited early:\n${worker.output()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`no answer on ${url} after ${timeoutMs} ms:\n${worker.output()}`);
}

/** kill -9: no shutdown hook, no flush, no leaving the consumer group. */
export async function kill9(worker: WorkerProcess): Promise<void> {
  if (isRunning(worker)) worker.proc.kill('SIGKILL');
  await worker.exited;
}

export const stopWorker = (worker: WorkerProcess): Promise<void> => stopChild(worker.proc);

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
    server.on('error', fail);
  });
}
