import type { RecordedEvent } from '@ot/application';
import type { OrderEvent } from '@ot/domain';

/** Numbers events as the store would: per-stream versions and one global position. */
export function recorded(...events: OrderEvent[]): RecordedEvent[] {
  const versions = new Map<string, number>();
  return events.map((event, i) => {
    const streamVersion = (versions.get(event.data.orderId) ?? 0) + 1;
    versions.set(event.data.orderId, streamVersion);
    return { ...event, streamId: `order-${event.data.orderId}`, streamVersion, globalPosition: i + 1, recordedAt: '2026-01-01T00:00:00.000Z' };
  });
}
