import type { Instant, OrderEvent } from '@ot/domain';

/**
 * The instant an order event happened on the system's clock: the partner's occurredAt, or the instant
 * the ETA and delay reactors concluded it (they run on the Clock). The notifier decides at this
 * instant, so a replay decides as the first run did, whenever the bus happens to deliver the event.
 */
export function eventTimeOf(event: OrderEvent): Instant {
  switch (event.type) {
    case 'DelayPredicted':
    case 'PromiseBroken':
      return event.data.detectedAt;
    case 'DelayCleared':
      return event.data.clearedAt;
    case 'EtaRevised':
      return event.data.revisedAt;
    default:
      return event.data.occurredAt;
  }
}
