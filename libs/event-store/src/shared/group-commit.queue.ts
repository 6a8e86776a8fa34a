import type { AppendResult, NewEvent } from '@ot/application';

export type PendingAppend = { streamId: string; events: readonly NewEvent[]; expectedVersion: number };

/** One result per append of a group: its own result (`R`: what the adapter reports), or the error that only it failed with. */
export type AppendOutcome<R extends AppendResult = AppendResult> = R | Error;

/** Commits a group in one transaction; each append is checked on its own, a bad one must not fail the rest. */
export type CommitGroup<R extends AppendResult = AppendResult> = (group: PendingAppend[]) => Promise<AppendOutcome<R>[]> | AppendOutcome<R>[];

type Waiting<R> = PendingAppend & { resolve: (r: R) => void; reject: (e: unknown) => void };

/**
 * Group commit: appends that arrive in the same event-loop turn, or while a commit is in flight,
 * share the next transaction, so N concurrent appends cost one fsync instead of N.
 * Each caller still gets only its own outcome.
 */
export class GroupCommitQueue<R extends AppendResult = AppendResult> {
  private waiting: Waiting<R>[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly commit: CommitGroup<R>,
    private readonly maxGroupSize = 512, // a whole batch webhook (500 items) fits in one transaction
  ) {}

  enqueue(append: PendingAppend): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ ...append, resolve, reject });
      // setImmediate, not a microtask: lets every request handled in this turn join the group
      this.flushing ??= new Promise<void>((done) => setImmediate(() => this.flushAll().finally(done)));
    });
  }

  /** Resolves once everything enqueued so far is committed (or failed). */
  async drained(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flushAll(): Promise<void> {
    try {
      while (this.waiting.length) {
        const group = this.waiting.splice(0, this.maxGroupSize);
        try {
          const outcomes = await this.commit(group);
          group.forEach((w, i) => (outcomes[i] instanceof Error ? w.reject(outcomes[i]) : w.resolve(outcomes[i] as R)));
        } catch (error) {
          group.forEach((w) => w.reject(error)); // the transaction itself failed: nobody was committed
        }
      }
    } finally {
      this.flushing = null;
    }
  }
}
