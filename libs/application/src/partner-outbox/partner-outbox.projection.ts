import type { CustomerActionRequested, OrderEvent } from '@ot/domain';
import type { RecordedEvent } from '../ports/event-store.port';
import type { CheckpointAnchoring } from '../projections/checkpoint-anchor';
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
 *
 * A page without an action moves the checkpoint in memory only (durably every `saveEvery` events):
 * nearly every event is a scan, and a transaction per page cost the ingest path a commit per
 * webhook (docs/PERFORMANCE.md). Safe because every page that queues a delivery saves the position
 * after it, so what a crash makes us re-read holds no action.
 */
export class PartnerOutboxProjection implements Projection {
  readonly name = 'partner-outbox';
  private saved = -1;

  constructor(
    private readonly outbox: PartnerOutboxStore,
    private readonly saveEvery = 10_000,
  ) {}

  get anchoring(): CheckpointAnchoring | undefined {
    return this.outbox.anchoring;
  }

  async checkpoint(): Promise<number> {
    this.saved = await this.outbox.checkpoint();
    return this.saved;
  }

  async apply(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const deliveries = (events as readonly RecordedEvent<OrderEvent>[]).flatMap((e): NewDelivery[] => {
      if (e.type !== 'CustomerActionRequested' || !e.data.partner) return [];
      const { actionId, orderId, partner, requestedAt } = e.data;
      return [{ deliveryId: actionId, orderId, partner, body: outboundBodyOf(e), createdAt: requestedAt }];
    });
    const position = events[events.length - 1].globalPosition;
    if (deliveries.length === 0 && this.saved >= 0 && position - this.saved < this.saveEvery) return;
    await this.outbox.enqueue(deliveries, position);
    this.saved = position;
  }
}
