import type { RecordedEvent, Subscription } from '@ot/application';

export type PageReader = (afterPosition: number, limit: number) => Promise<RecordedEvent[]>;

export type CatchUpOptions = {
  /** Re-read this often even without a wake-up, to see appends made by other processes. 0 = never. */
  pollMs?: number;
  pageSize?: number;
};

/**
 * Reads pages after the last delivered position until there is nothing new, whenever woken
 * (in-process append, NOTIFY) or polled. One drain at a time, so onEvents is never called
 * concurrently; the position only moves after onEvents resolves, so a failed callback is
 * retried from the same event on the next wake-up or poll instead of being skipped.
 * Gap-freedom comes from the reader: it must never show position n+1 before n is visible.
 */
export function catchUpSubscription(
  read: PageReader,
  wakeups: Set<() => void>,
  afterPosition: number,
  onEvents: (events: RecordedEvent[]) => Promise<void>,
  { pollMs = 0, pageSize = 500 }: CatchUpOptions = {},
): Subscription {
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
        for (let page = await read(position, pageSize); page.length && !stopped; page = await read(position, pageSize)) {
          await onEvents(page);
          position = page[page.length - 1].globalPosition;
        }
      } while (wokenWhileRunning && !stopped);
    } catch (error) {
      if (!stopped) console.error(`subscription after position ${position} failed, retrying on next wake-up`, error);
    } finally {
      running = false;
    }
  };

  const wake = (): void => void drain();
  wakeups.add(wake);
  const timer = pollMs > 0 ? setInterval(wake, pollMs) : undefined;
  timer?.unref();
  wake();
  return {
    // Nothing is delivered once stop() has been called; a callback already running is not awaited
    // (it may be the one calling stop()).
    stop: async () => {
      stopped = true;
      wakeups.delete(wake);
      if (timer) clearInterval(timer);
    },
  };
}
