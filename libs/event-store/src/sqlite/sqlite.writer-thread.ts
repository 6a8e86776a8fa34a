import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AppendOutcome } from '../shared/group-commit.queue';
import type { SqliteCommitted, TextAppend } from './sqlite.group-committer';
import { type CommitReply, fromWireError, fromWireOutcomes, type WriterBoot } from './sqlite.writer.protocol';

type InFlight = { resolve: (outcomes: AppendOutcome<SqliteCommitted>[]) => void; reject: (error: Error) => void };

/**
 * The writer keeps nothing between groups: each message is parsed, committed and dropped. V8's default
 * young generation (up to 16 MB semi-spaces) grows under a burst of groups and stays committed, most of
 * the isolate's ~40 MB for ~10 MB used (docs/PERFORMANCE.md, session 9); a small one holds a group's garbage.
 */
const WRITER_LIMITS = { maxYoungGenerationSizeMb: 6 };

/** Run from TypeScript sources (jest, scripts): the worker compiles itself with the same SWC hook the test children use. */
function spawnWriter(boot: WriterBoot): Worker {
  const options = { workerData: boot, resourceLimits: WRITER_LIMITS };
  if (__filename.endsWith('.js')) return new Worker(join(__dirname, 'sqlite.writer.worker.js'), options);
  const hook = join(__dirname, '../../../../scripts/swc-register.js');
  const entry = join(__dirname, 'sqlite.writer.worker.ts');
  return new Worker(`require(${JSON.stringify(hook)}); require(${JSON.stringify(entry)});`, { eval: true, ...options });
}

/**
 * The main thread's handle on the writer thread: posts each group and resolves with its outcomes.
 * The worker only holds the process open while a commit is in flight, so a store that is never
 * closed does not keep a script alive (a server is kept alive by its listener anyway).
 */
export class SqliteWriterThread {
  private readonly worker: Worker;
  private readonly inFlight = new Map<number, InFlight>();
  private nextId = 0;
  private broken: Error | null = null;
  private readonly exited: Promise<void>;

  constructor(path: string) {
    this.worker = spawnWriter({ path });
    this.worker.unref();
    this.worker.on('message', (reply: CommitReply) => this.settle(reply));
    this.worker.on('error', (error) => this.fail(error));
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        this.fail(new Error(`the SQLite writer thread exited (code ${code})`));
        resolve();
      }),
    );
  }

  commit(group: TextAppend[]): Promise<AppendOutcome<SqliteCommitted>[]> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      const id = ++this.nextId;
      if (this.inFlight.size === 0) this.worker.ref();
      this.inFlight.set(id, { resolve, reject });
      this.worker.postMessage({ id, group });
    });
  }

  /** Call once nothing more will be committed: the worker closes its connection (checkpointing the WAL) and exits. */
  async close(): Promise<void> {
    this.worker.ref(); // until it has exited, or a script would end before the WAL is checkpointed
    if (!this.broken) this.worker.postMessage('close');
    await this.exited;
  }

  private settle(reply: CommitReply): void {
    const waiting = this.inFlight.get(reply.id);
    if (!waiting) return;
    this.inFlight.delete(reply.id);
    if (this.inFlight.size === 0) this.worker.unref();
    if ('failure' in reply) waiting.reject(fromWireError(reply.failure));
    else waiting.resolve(fromWireOutcomes(reply.outcomes));
  }

  /** A dead writer fails what is in flight (unknown outcome: the caller sees an error, never a false 2xx) and every later commit. */
  private fail(error: Error): void {
    this.broken ??= error;
    for (const waiting of this.inFlight.values()) waiting.reject(error);
    this.inFlight.clear();
  }
}
