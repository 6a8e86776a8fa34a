import type { EventStore } from '../ports/event-store.port';

/** Which event of the log a checkpoint was taken at: `stream@version` of the event at `position`. */
export type CheckpointAnchor = Readonly<{ position: number; anchor: string }>;

/**
 * Kept by a projection's store beside its checkpoint, so the checkpoint is trusted only beside the
 * log it was taken from: a file copied or shared from another log would otherwise skip events.
 */
export interface CheckpointAnchoring {
  savedAnchor(): Promise<CheckpointAnchor | undefined>;
  saveAnchor(anchor: CheckpointAnchor): Promise<void>;
  /** Forgets every document, the checkpoint and the anchor: the projection is folded again from the log's start. */
  reset(): Promise<void>;
}

/** The anchor of the event at `position` in this log, or undefined when no event sits there. */
export async function anchorAt(store: EventStore, position: number): Promise<string | undefined> {
  if (position <= 0) return undefined;
  const [event] = await store.readAll(position - 1, 1);
  return event?.globalPosition === position ? `${event.streamId}@${event.streamVersion}` : undefined;
}
