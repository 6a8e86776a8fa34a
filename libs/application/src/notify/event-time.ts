import { type Instant, instantOf, type OrderEvent } from '@ot/domain';

/**
 * The instant the notifier decides an event at, on the system's clock: when the service received a
 * partner's event (`receivedAt`, stamped from the Clock at ingestion; never before its occurredAt),
 * or the instant the ETA and delay reactors concluded it (they run on the Clock). Not when the bus
 * happened to deliver it, so a replay decides as the first run did; and not the partner's own time
 * alone, so a scan reported hours late is judged against quiet hours and collapse windows as of now.
 */
export function eventTimeOf(event: OrderEvent & { metadata?: Readonly<Record<string, unknown>> }): Instant {
  const receivedAt = event.metadata?.receivedAt;
  const own = instantOf(event);
  return typeof receivedAt === 'string' && Date.parse(receivedAt) > Date.parse(own) ? receivedAt : own; // instants may carry offsets: compare times, not strings
}
