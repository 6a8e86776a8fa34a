import type { EventStore, RecordedEvent, Subscription } from '../ports/event-store.port';

/**
 * A checkpointed projection. `apply` must write its documents and its checkpoint together and
 * skip events it has already seen, so a crash or a replay never double-applies.
 */
export interface Projection {
  readonly name: string;
  checkpoint(): Promise<number>;
  apply(events: readonly RecordedEvent[]): Promise<void>;
}

/** Feeds a projection from its checkpoint onwards, then with every new event as it lands. */
export async function startProjection(store: EventStore, projection: Projection): Promise<Subscription> {
  const from = await projection.checkpoint();
  return store.subscribeToAll(from, (events) => projection.apply(events));
}

/**
 * startProjection for a process's lifetime: stop() ends the subscription and then waits for the
 * batch in flight, so the stores can be closed under no one's feet (a failed batch was already
 * reported by the subscription).
 */
export async function followProjection(store: EventStore, projection: Projection): Promise<{ stop(): Promise<void> }> {
  let inFlight: Promise<void> = Promise.resolve();
  const subscription = await startProjection(store, {
    name: projection.name,
    checkpoint: () => projection.checkpoint(),
    apply: (events) => (inFlight = projection.apply(events)),
  });
  return {
    stop: async () => {
      await subscription.stop();
      await inFlight.catch(() => undefined);
    },
  };
}
