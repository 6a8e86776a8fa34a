import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

export type ChildReady = { port: number; [key: string]: unknown };

/** A server (or worker) running in its own process, so it never shares an event loop with the load generator. */
export type Child = { proc: ChildProcess; ready: ChildReady; stop(): Promise<void> };

/**
 * Forks a compiled script beside this file's folder (dist/bench/...), waits for its
 * `{ ready: {...} }` IPC message, and kills it (by its own pid) on stop.
 */
export function startChild(script: string, env: Record<string, string>, { timeoutMs = 60_000, execArgv = [] as string[] } = {}): Promise<Child> {
  const proc = fork(join(__dirname, '..', script), [], {
    env: { ...process.env, ...env },
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`${script} not ready after ${timeoutMs} ms`));
    }, timeoutMs);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before it was ready`));
    });
    proc.on('message', (msg: { ready?: ChildReady }) => {
      if (!msg.ready) return;
      clearTimeout(timer);
      resolve({ proc, ready: msg.ready, stop: () => stopChild(proc) });
    });
  });
}

/** SIGTERM, then SIGKILL after 20 s (closing the app and flushing a --cpu-prof profile take time); resolves when the process is gone. */
export function stopChild(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => proc.kill('SIGKILL'), 20_000);
    proc.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}

/** Asks a child for a result over IPC and waits for the answer of the same kind. */
export function ask<T>(proc: ChildProcess, kind: string, payload: unknown = {}, timeoutMs = 600_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${kind} answer after ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (msg: { kind?: string; result?: T; error?: string }) => {
      if (msg.kind !== kind) return;
      clearTimeout(timer);
      proc.off('message', onMessage);
      if (msg.error) reject(new Error(msg.error));
      else resolve(msg.result as T);
    };
    proc.on('message', onMessage);
    proc.send({ kind, ...(payload as object) });
  });
}

/** In a child: tell the parent we listen. */
export function signalReady(ready: ChildReady): void {
  process.send?.({ ready });
}

/** In a child: exit when the parent goes away, so no orphan keeps a port or a CPU. */
export function exitWithParent(onExit: () => Promise<void> | void = () => undefined): void {
  const bye = () => void Promise.resolve(onExit()).finally(() => process.exit(0));
  process.on('disconnect', bye);
  process.on('SIGTERM', bye);
}

/**
 * In a worker child: run `main` once and hand its result to the parent as the ready message (or print
 * it as JSON when run by hand); exit 1 on failure. SIGTERM from the parent exits cleanly, so a
 * `--cpu-prof` profile is written.
 */
export function runWorker<T>(label: string, main: () => Promise<T>): void {
  exitWithParent();
  main().then(
    (result) => (process.send ? process.send({ ready: { port: 0, result } }) : console.log(JSON.stringify(result))),
    (error) => {
      console.error(`${label} failed`, error);
      process.exit(1);
    },
  );
}
