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
