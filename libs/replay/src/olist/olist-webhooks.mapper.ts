import { toOffsetIso } from '@ot/domain';
import { handOverByOf, type OrderStep } from './order-steps';

export type WebhookChannel = 'warehouse' | 'courier';
/** A partner webhook ready to sign and POST to /webhooks/<channel>. */
export type PartnerWebhookCall = Readonly<{ channel: WebhookChannel; orderId: string; body: Record<string, unknown> }>;

/** Ids are derived from the order and the step, so running the replay twice is answered as duplicates. */
export const stepEventId = (s: OrderStep): string => `${s.order.orderId}:${s.kind}`;

/** A step as the warehouse or courier would send it, with the local offset partners use. */
export function toWebhook(step: OrderStep, timeZone: string): PartnerWebhookCall {
  const o = step.order;
  const when = toOffsetIso(step.at, timeZone);
  const warehouse = (event: string, extra: Record<string, unknown> = {}): PartnerWebhookCall => ({
    channel: 'warehouse',
    orderId: o.orderId,
    body: { eventId: stepEventId(step), event, orderId: o.orderId, occurredAt: when, ...extra },
  });
  switch (step.kind) {
    case 'placed': {
      const handOverBy = handOverByOf(step, timeZone);
      return warehouse('order.placed', {
        customerId: o.customerId,
        promisedDate: o.promisedDate,
        origin: o.seller,
        destination: o.customer,
        ...(o.sellerId !== undefined && { sellerId: o.sellerId }),
        ...(o.itemCount !== undefined && { itemCount: o.itemCount }),
        ...(o.priceTotal !== undefined && { priceTotal: o.priceTotal }),
        ...(o.freightTotal !== undefined && { freightTotal: o.freightTotal }),
        ...(handOverBy !== undefined && { handOverBy: toOffsetIso(handOverBy, timeZone) }),
      });
    }
    case 'approved':
      return warehouse('payment.approved');
    case 'handed':
      return warehouse('parcel.handed_over');
    case 'canceled':
      return warehouse('order.canceled');
    case 'delivered':
      return {
        channel: 'courier',
        orderId: o.orderId,
        body: { trackingEventId: stepEventId(step), shipmentRef: o.orderId, status: 'DELIVERED', timestamp: when },
      };
  }
}
