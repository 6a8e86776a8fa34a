import type { CustomerActionRequested, OrderEvent } from '@ot/domain';
import type { RecordedEvent } from '../ports/event-store.port';
import type { Projection } from '../projections/projection';
import type { NewDelivery, PartnerOutboxStore } from './partner-outbox.store.port';

/** What a partner receives for an action: the action's id (to answer with, and to de-duplicate on) and what was chosen. */
export function outboundBodyOf(e: CustomerActionRequested): string {
  const { actionId, orderId, requestedAt, action } = e.data;
  const { type, ...choice } = action;
  const detail = 'pickupPoint' in choice ? { pickupPointId: choice.pickupPoint.pointId, address: choice.pickupPoint.address } : choice;
  return JSON.stringify({ eventId: actionId, event: 'customer-action.requested', actionId, orderId, type, ...detail, requestedAt });
}

/**
 * Feeds the outbox from the log's global order: each action that names a partner becomes one
 * delivery, queued with the checkpoint in one step, so a crash neither loses nor doubles one.
 */
export class PartnerOutboxProjection implements Projection {
  readonly name = 'partner-outbox';

  constructor(private readonly outbox: PartnerOutboxStore) {}

  checkpoint(): Promise<number> {
    return this.outbox.checkpoint();
  }

  async apply(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const deliveries = (events as readonly RecordedEvent<OrderEvent>[]).flatMap((e): NewDelivery[] => {
      if (e.type !== 'CustomerActionRequested' || !e.data.partner) return [];
      const { actionId, orderId, partner, requestedAt } = e.data;
      return [{ deliveryId: actionId, orderId, partner, body: outboundBodyOf(e), createdAt: requestedAt }];
    });
    await this.outbox.enqueue(deliveries, events[events.length - 1].globalPosition);
  }
}
