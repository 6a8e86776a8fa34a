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
  private readonly active = new Map<() => void, Subscription>();

  constructor(
    private readonly read: PageReader,
    private readonly options: CatchUpOptions = {},
  ) {}

  /** Call after a commit, or when another process says it committed. */
  wakeAll(): void {
    this.active.forEach((_, wake) => wake());
  }

  subscribe(afterPosition: number, onEvents: (events: RecordedEvent[]) => Promise<void>): Subscription {
    const { pollMs = 0, pageSize = 500 } = this.options;
    let position = afterPosition;
    let running = false;
    let wokenWhileRunning = false;
    let stopped = false;

    const drain = async (): Promise<void> => {
      if (stopped) return;
      if (running) {
        wokenWhileRunning = true; // an append raced our last read: read again when done
        return;
      }
      running = true;
      try {
        do {
          wokenWhileRunning = false;
          for (let page = await this.read(position, pageSize); page.length && !stopped; page = await this.read(position, pageSize)) {
            await onEvents(page);
            position = page[page.length - 1].globalPosition;
          }
        } while (wokenWhileRunning && !stopped);
      } catch (error) {
        if (!stopped) new Logger('EventStore').error(`subscription after position ${position} failed, retrying on next wake-up: ${String(error)}`);
      } finally {
        running = false;
      }
    };

    const wake = (): void => void drain();
    const timer = pollMs > 0 ? setInterval(wake, pollMs) : undefined;
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
    wake();
    return subscription;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.active.values()].map((s) => s.stop()));
  }
}
