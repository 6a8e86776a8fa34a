import type { RecordedEvent } from '@ot/application';

/**
 * The events this process committed last, in position order, so its own subscriptions (status view,
 * delay board, ETA, relay) read what was just appended from memory instead of querying and parsing
 * it once each. Another process's appends leave gaps in it: only a run without a gap is served, and
 * anything else is read from the store, so the gap-free global order holds.
 */
export class RecentEvents {
  private events: RecordedEvent[] = [];

  constructor(private readonly capacity = 4096) {}

  /** Call in commit order, with events the store has made durable. */
  add(events: readonly RecordedEvent[]): void {
    this.events.push(...events);
    if (this.events.length > 2 * this.capacity) this.events = this.events.slice(-this.capacity);
  }

  /** Up to `limit` events right after `position`, or undefined when this process did not commit the next one (or forgot it). */
  after(position: number, limit: number): RecordedEvent[] | undefined {
    const from = this.indexAfter(position);
    if (from === this.events.length || this.events[from].globalPosition !== position + 1) return undefined;
    let to = from + 1;
    while (to < this.events.length && to - from < limit && this.events[to].globalPosition === this.events[to - 1].globalPosition + 1) to++;
    return this.events.slice(from, to);
  }

  /** Index of the first event past `position` (binary search: positions only grow). */
  private indexAfter(position: number): number {
    let [lo, hi] = [0, this.events.length];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.events[mid].globalPosition <= position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
