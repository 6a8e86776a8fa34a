import type { PartnerEvent, PartnerFacts, Place } from '@ot/domain';
import { stepEventId } from './olist-webhooks.mapper';
import { handOverByOf, type OrderStep } from './order-steps';

const place = (p: { zip: string; city: string; state: string }): Place => ({
  ...(p.zip && { zipPrefix: p.zip.replace(/\D/g, '').slice(0, 5) }),
  ...(p.city && { city: p.city.trim().toLowerCase() }),
  ...(p.state && { state: p.state.trim().toUpperCase() }),
});

/**
 * A step straight as the domain event the order service's normalisers would make of its
 * webhook (same ids, same partner, UTC instants): the in-process benchmark skips HTTP with it.
 */
export function toPartnerEvent(step: OrderStep, timeZone: string): PartnerEvent {
  const o = step.order;
  const partner = step.kind === 'delivered' ? 'courier' : 'warehouse';
  const facts: PartnerFacts = { orderId: o.orderId, partner, partnerEventId: stepEventId(step), occurredAt: new Date(step.at).toISOString() };
  switch (step.kind) {
    case 'placed': {
      const handOverBy = handOverByOf(step, timeZone);
      return {
        type: 'OrderPlaced',
        data: {
          ...facts,
          customerId: o.customerId,
          promisedBy: o.promisedDate,
          origin: place(o.seller),
          destination: place(o.customer),
          ...(o.sellerId !== undefined && { sellerId: o.sellerId }),
          ...(o.itemCount !== undefined && { itemCount: o.itemCount }),
          ...(o.priceTotal !== undefined && { priceTotal: o.priceTotal }),
          ...(o.freightTotal !== undefined && { freightTotal: o.freightTotal }),
          ...(o.priceTotal !== undefined && { priceTotal: o.priceTotal }),
          ...(o.freightTotal !== undefined && { freightTotal: o.freightTotal }),
          ...(handOverBy !== undefined && { handOverBy: new Date(handOverBy).toISOString() }),
        },
      };
    }
    case 'approved':
      return { type: 'PaymentApproved', data: facts };
    case 'handed':
      return { type: 'HandedToCarrier', data: facts };
    case 'canceled':
      return { type: 'OrderCanceled', data: facts };
    case 'delivered':
      return { type: 'Delivered', data: facts };
  }
}
