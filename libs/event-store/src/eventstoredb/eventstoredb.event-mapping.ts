import type { RecordedEvent } from '@ot/application';
import { type AllStreamResolvedEvent, type Position, type ResolvedEvent, START } from '@eventstore/db-client';

/**
 * globalPosition is Number(commitPosition). Commit positions are byte offsets in the transaction
 * log: exact as a JS number up to 2^53 bytes (9 PB), far beyond one node's log, so the cast is safe.
 * We assume EventStoreDB >= 20 over gRPC, where every event has its own commit position and
 * prepare == commit, so a commit position alone is enough to resume from.
 */
export function fromEsdbEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | null {
  const e = resolved.event;
  if (!e || e.type.startsWith('$') || !e.isJson) return null; // system and binary events are not ours
  const commit = e.position?.commit ?? resolved.commitPosition;
  const metadata = e.metadata as Record<string, unknown> | undefined;
  return {
    type: e.type,
    data: e.data,
    ...(metadata && Object.keys(metadata).length ? { metadata } : {}),
    streamId: e.streamId,
    streamVersion: Number(e.revision) + 1,
    globalPosition: Number(commit ?? 0),
    recordedAt: e.created.toISOString(),
  } as RecordedEvent;
}

/** Where to start reading so nothing after `afterPosition` is missed (0 = the beginning of $all). */
export function positionAfter(afterPosition: number): typeof START | Position {
  if (afterPosition === 0) return START;
  const at = BigInt(afterPosition);
  return { commit: at, prepare: at };
}
