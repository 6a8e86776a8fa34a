import type { EventStore } from '@ot/application';

/**
 * Wraps a store to count appends awaited at the same time: 1 means one commit after the other,
 * more means they could share a group commit.
 */
export function countAppendsInFlight(store: EventStore): { store: EventStore; peak: () => number } {
  let inFlight = 0;
  let peak = 0;
  const counted: EventStore = {
    readStream: (streamId) => store.readStream(streamId),
    appendToStream: async (streamId, events, options) => {
      peak = Math.max(peak, ++inFlight);
      try {
        return await store.appendToStream(streamId, events, options);
      } finally {
        inFlight--;
      }
    },
    readAll: (after, limit) => store.readAll(after, limit),
    subscribeToAll: (after, onEvents) => store.subscribeToAll(after, onEvents),
    close: () => store.close(),
  };
  return { store: counted, peak: () => peak };
}
