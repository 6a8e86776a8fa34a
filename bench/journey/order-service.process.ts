import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The default order-service as a new user runs it: its real entry point in a child process, in a
 * fresh directory (so every ./data path lands there), with nothing set but the replay clock and
 * the port. `built` runs dist/ (what `npm start` runs); `source` runs the same entry point through
 * the SWC hook, for tests that must not depend on a stale build.
 */
export type ServiceEntry = 'built' | 'source';

export type RunningService = Readonly<{
  base: string;
  /** Where the notifier's routes answer: the main port, or the embedded notifier's own port. */
  notifierBase: string;
  opsToken: string;
  stop(): Promise<void>;
}>;

/** The repository root, found from this file in bench/journey or in dist/bench/journey. */
export function repoRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'apps'))) return dir;
  }
  throw new Error(`no repository root above ${__dirname}`);
}

function nodeArgs(entry: ServiceEntry, script: 'main' | 'dev-token'): string[] {
  const root = repoRoot();
  const file = script === 'main' ? 'main' : 'cli/dev-token.cli';
  return entry === 'built'
    ? [join(root, 'dist/apps/order-service/src', `${file}.js`)]
    : ['-r', join(root, 'scripts/swc-register.js'), join(root, 'apps/order-service/src', `${file}.ts`)];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Until `probe` answers true, or fail after timeoutMs with what `why` says. */
async function waitUntil(probe: () => Promise<boolean>, timeoutMs: number, why: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await sleep(200);
  }
  throw new Error(why());
}

/**
 * Starts the service in `dir` on `port`, waits until it answers, takes an ops token from the
 * README's token command and checks that the notifier's routes answer on the same port.
 */
export async function startOrderService(dir: string, port: number, entry: ServiceEntry): Promise<RunningService> {
  const env = { PATH: process.env.PATH ?? '', CLOCK: 'event-time', PORT: String(port) };
  const logPath = join(dir, 'service.log');
  const log = openSync(logPath, 'a');
  const child = spawn(process.execPath, nodeArgs(entry, 'main'), { cwd: dir, env, stdio: ['ignore', log, log] });
  closeSync(log);
  // if this process ends first (Ctrl-C, a failed test run), the service must not outlive it
  const orphanGuard = (): boolean => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve(void process.off('exit', orphanGuard))));
  const tail = (): string => readFileSync(logPath, 'utf8').split('\n').slice(-15).join('\n');
  const stop = () => stopChild(child, exited);
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitUntil(
      async () => {
        if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}:\n${tail()}`);
        return fetch(`${base}/orders/none`, { signal: AbortSignal.timeout(1000) }).then(
          () => true,
          () => false,
        );
      },
      90_000,
      () => `the service did not answer on ${base}:\n${tail()}`,
    );
    const opsToken = execFileSync(process.execPath, [...nodeArgs(entry, 'dev-token'), 'ops', 'ops'], { cwd: dir, env, encoding: 'utf8' }).trim();
    const candidates = [base];
    let notifierBase = '';
    const answers = new Map<string, string>();
    const refused = (): Error =>
      new Error(`no notifier route answered GET /dead-letters with the README's ops token: ${[...answers].map(([c, a]) => `${c}: ${a}`).join('; ')}`);
    await waitUntil(
      async () => {
        for (const candidate of candidates) {
          const res = await fetch(`${candidate}/dead-letters`, { headers: { authorization: `Bearer ${opsToken}` }, signal: AbortSignal.timeout(2000) }).catch(
            () => undefined,
          );
          answers.set(candidate, res ? `${res.status} ${(await res.text()).slice(0, 200)}` : 'no answer');
          if (res?.status === 200) {
            notifierBase = candidate;
            return true;
          }
        }
        // every port answered, none with the route: waiting will not change that
        if ([...answers.values()].every((a) => a !== 'no answer')) throw refused();
        return false;
      },
      30_000,
      () => refused().message,
    );
    return { base, notifierBase, opsToken, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** SIGTERM (the service closes its stores), SIGKILL after 15 s; resolves once the process is gone. */
async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const hard = setTimeout(() => child.kill('SIGKILL'), 15_000);
  child.kill('SIGTERM');
  await exited;
  clearTimeout(hard);
}
