import type { DeliveryState, OutboundDelivery } from '@ot/application';
import type { Partner } from '@ot/domain';

/** A partner_outbox row as both drivers return it. */
export type PartnerOutboxRow = {
  delivery_id: string;
  order_id: string;
  partner: string;
  body: string;
  created_at: string;
  state: string;
  attempts: number | string;
  next_attempt_at: string;
  last_error: string | null;
  delivered_at: string | null;
};

export const deliveryOf = (r: PartnerOutboxRow): OutboundDelivery => ({
  deliveryId: r.delivery_id,
  orderId: r.order_id,
  partner: r.partner as Partner,
  body: r.body,
  createdAt: r.created_at,
  state: r.state as DeliveryState,
  attempts: Number(r.attempts),
  nextAttemptAt: r.next_attempt_at,
  ...(r.last_error !== null && { lastError: r.last_error }),
  ...(r.delivered_at !== null && { deliveredAt: r.delivered_at }),
});
