import { keepRecent, type Order } from '@ot/domain';

/** Enough for the orders a partner's burst touches; ~1-2 KB each (the state keeps its partner events). */
const DEFAULT_MAX_STREAMS = 10_000;

export type FoldedStream = { version: number; state: Order };

/**
 * The folded state of the streams this process appended to or read last (least recently used out),
 * so the next command for an order decides without reading and folding its whole stream. An entry
 * is a guess, never the truth: a decision made on it counts only once an append with its version
 * as the expected one succeeds (anything else is decided again on a fresh read).
 */
export class FoldedStreams {
  private readonly entries = new Map<string, FoldedStream>();

  constructor(private readonly max = DEFAULT_MAX_STREAMS) {}

  /** The entry, removed: it is put back by `keep` only after an outcome the log confirmed. */
  take(streamId: string): FoldedStream | undefined {
    const entry = this.entries.get(streamId);
    if (entry) this.entries.delete(streamId);
    return entry;
  }

  keep(streamId: string, version: number, state: Order): void {
    keepRecent(this.entries, streamId, { version, state }, this.max); // last: the Map's order is the recency order
  }

  get size(): number {
    return this.entries.size;
  }
}
