import { Logger } from '@nestjs/common';
import type { RecordedEvent, Subscription } from '@ot/application';

export type PageReader = (afterPosition: number, limit: number) => Promise<RecordedEvent[]>;

export type CatchUpOptions = {
  /** Re-read this often even without a wake-up, to see appends made by other processes. 0 = never. */
  pollMs?: number;
  pageSize?: number;
};

/**
 * The subscriptions of one store. Each reads pages after its last delivered position until there
 * is nothing new, whenever woken (in-process append, NOTIFY) or polled. One drain at a time per
 * subscription, so onEvents is never called concurrently; the position only moves after onEvents
 * resolves, so a failed callback is retried from the same event on the next wake-up instead of
 * being skipped. Gap-freedom comes from the reader: it must never show position n+1 before n.
 */
export class CatchUpSubscriptions {
  private readonly active = new Map<(upTo: number) => void, Subscription>();

  constructor(
    private readonly read: PageReader,
    private readonly options: CatchUpOptions = {},
  ) {}

  /**
   * Call after a commit, or when another process says it committed. `upTo`: the last position this
   * process just committed, so a subscription already there reads nothing more (appends of other
   * processes are found by the next poll or NOTIFY); without it each reads until a page comes back empty.
   */
  wakeAll(upTo = Number.POSITIVE_INFINITY): void {
    this.active.forEach((_, wake) => wake(upTo));
  }

  subscribe(afterPosition: number, onEvents: (events: RecordedEvent[]) => Promise<void>): Subscription {
    const { pollMs = 0, pageSize = 500 } = this.options;
    let position = afterPosition;
    /** Read while position is below it; Infinity until a page comes back empty. */
    let target = Number.POSITIVE_INFINITY;
    let wakes = 0;
    let running = false;
    let stopped = false;

    const drain = async (upTo: number): Promise<void> => {
      if (stopped) return;
      wakes++;
      target = Math.max(target, upTo);
      if (running) return; // read on when done: the loop sees the raised target, or the wake count
      running = true;
      try {
        while (position < target && !stopped) {
          const wakesBefore = wakes;
          const page = await this.read(position, pageSize);
          if (page.length) {
            await onEvents(page);
            position = page[page.length - 1].globalPosition;
          } else if (wakes === wakesBefore) {
            target = position; // nothing new, and no append raced the read
          }
        }
      } catch (error) {
        if (!stopped) new Logger('EventStore').error(`subscription after position ${position} failed, retrying on next wake-up: ${String(error)}`);
      } finally {
        running = false;
      }
    };

    const wake = (upTo: number): void => void drain(upTo);
    const timer = pollMs > 0 ? setInterval(() => wake(Number.POSITIVE_INFINITY), pollMs) : undefined;
    timer?.unref();
    const subscription: Subscription = {
      // Nothing is delivered once stop() is called; a callback already running is not awaited
      // (it may be the one calling stop()).
      stop: async () => {
        stopped = true;
        this.active.delete(wake);
        if (timer) clearInterval(timer);
      },
    };
    this.active.set(wake, subscription);
    wake(Number.POSITIVE_INFINITY);
    return subscription;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.active.values()].map((s) => s.stop()));
  }
}
