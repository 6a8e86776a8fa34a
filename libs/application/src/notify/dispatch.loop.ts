import type { NotificationDispatcher } from './notification.dispatcher';

/**
 * Runs the dispatcher every intervalMs. Time itself comes from the dispatcher's Clock, so tests call
 * tick() directly with a fake clock instead of starting this loop. A failing tick (database busy,
 * say) is reported to `onError` (the host's logger) and retried on the next beat rather than killing the loop.
 */
export function startDispatchLoop(dispatcher: NotificationDispatcher, intervalMs: number, onError: (error: unknown) => void): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const beat = (): void => {
    current = (async () => {
      try {
        // Drain while there is work, then wait for the next beat.
        while (!stopped && (await dispatcher.tick()) > 0);
      } catch (error) {
        onError(error);
      }
      if (!stopped) timer = setTimeout(beat, intervalMs);
    })();
  };
  beat();
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
