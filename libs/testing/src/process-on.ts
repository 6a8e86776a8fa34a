import type { EventStore } from '@ot/application';

/**
 * One process's handle on a shared log: every read takes a while (so concurrent writers all read
 * the same version before anyone appends) and appends are counted (each one past the commands
 * sent is a version conflict that was retried).
 */
export function processOn(log: EventStore) {
  const counts = { appends: 0, reading: 0, mostReadsAtOnce: 0 };
  const store: EventStore = {
    readStream: async (id) => {
      counts.mostReadsAtOnce = Math.max(counts.mostReadsAtOnce, ++counts.reading);
      const read = await log.readStream(id);
      await new Promise((resolve) => setTimeout(resolve, 5));
      counts.reading--;
      return read as never;
    },
    appendToStream: (id, events, options) => {
      counts.appends++;
      return log.appendToStream(id, events, options);
    },
    readAll: (after, limit) => log.readAll(after, limit),
    subscribeToAll: (after, onEvents) => log.subscribeToAll(after, onEvents),
    close: async () => undefined,
  };
  return { store, counts };
}
