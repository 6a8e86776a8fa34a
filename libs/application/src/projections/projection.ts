import type { EventStore, RecordedEvent, Subscription } from '../ports/event-store.port';
import { anchorAt, type CheckpointAnchoring } from './checkpoint-anchor';

/**
 * A checkpointed projection. `apply` must write its documents and its checkpoint together and
 * skip events it has already seen, so a crash or a replay never double-applies.
 */
export interface Projection {
  readonly name: string;
  checkpoint(): Promise<number>;
  apply(events: readonly RecordedEvent[]): Promise<void>;
  /** Present when the projection's store keeps its checkpoint's anchor and can start over. */
  readonly anchoring?: CheckpointAnchoring;
}

/**
 * Feeds a projection from its checkpoint onwards, then with every new event as it lands. A
 * checkpoint whose anchor is not this log's (or is missing) is not trusted: the projection is reset
 * and rebuilt from the start. The anchor is written once per run, after the first batch applied.
 */
export async function startProjection(store: EventStore, projection: Projection): Promise<Subscription> {
  return (await follow(store, projection)).subscription;
}

/**
 * startProjection for a process's lifetime: stop() ends the subscription and then waits for the
 * batch in flight, so the stores can be closed under no one's feet (a failed batch was already
 * reported by the subscription).
 */
export async function followProjection(store: EventStore, projection: Projection): Promise<{ stop(): Promise<void> }> {
  const { subscription, inFlight } = await follow(store, projection);
  return {
    stop: async () => {
      await subscription.stop();
      await inFlight().catch(() => undefined);
    },
  };
}

async function follow(store: EventStore, projection: Projection): Promise<{ subscription: Subscription; inFlight: () => Promise<void> }> {
  const from = await checkpointOfThisLog(store, projection);
  const anchoring = projection.anchoring;
  let anchored = from > 0 || !anchoring;
  let batch: Promise<void> = Promise.resolve();
  const subscription = await store.subscribeToAll(from, (events) => {
    batch = projection.apply(events).then(async () => {
      if (!anchored) anchored = await saveAnchor(store, projection, anchoring!);
    });
    return batch;
  });
  return { subscription, inFlight: () => batch };
}

async function checkpointOfThisLog(store: EventStore, projection: Projection): Promise<number> {
  const from = await projection.checkpoint();
  if (from === 0 || !projection.anchoring) return from;
  const saved = await projection.anchoring.savedAnchor();
  if (saved && saved.position <= from && saved.anchor === (await anchorAt(store, saved.position))) return from;
  await projection.anchoring.reset();
  return projection.checkpoint();
}

async function saveAnchor(store: EventStore, projection: Projection, anchoring: CheckpointAnchoring): Promise<boolean> {
  const position = await projection.checkpoint();
  const anchor = await anchorAt(store, position);
  if (anchor) await anchoring.saveAnchor({ position, anchor });
  return anchor !== undefined;
}
