import type { DelayReason, PartnerEvent, PartnerFacts } from '@ot/domain';
import { toInstant } from '../shared/date-format.validators';
import { actionAnswered } from '../shared/action-answer';
import type { PartnerWebhook } from '../shared/partner-webhook';
import { toPlace } from '../shared/place.payload';
import { WAREHOUSE_EVENTS, type WarehouseEventName, WarehousePayload } from './warehouse.payload';

const DELAY_REASON_OF: Record<string, DelayReason> = {
  weather: 'weather',
  carrier: 'carrier',
  warehouse: 'warehouse',
  address_problem: 'address-problem',
  lost: 'lost',
  other: 'other',
};

// The `!` below are safe: validation made these fields required for that event (see the payload's groups).
const EVENT_OF: Record<WarehouseEventName, (p: WarehousePayload, facts: PartnerFacts) => PartnerEvent> = {
  'order.placed': (p, facts) => ({
    type: 'OrderPlaced',
    data: {
      ...facts,
      customerId: p.customerId!,
      promisedBy: p.promisedDate!,
      origin: toPlace(p.origin),
      destination: toPlace(p.destination),
      ...(p.itemCount !== undefined && { itemCount: p.itemCount }),
      ...(p.sellerId !== undefined && { sellerId: p.sellerId }),
      ...(p.productCategory !== undefined && { productCategory: p.productCategory }),
      ...(p.handOverBy !== undefined && { handOverBy: toInstant(p.handOverBy) }),
      ...(p.priceTotal !== undefined && { priceTotal: p.priceTotal }),
      ...(p.freightTotal !== undefined && { freightTotal: p.freightTotal }),
    },
  }),
  'payment.approved': (_p, facts) => ({ type: 'PaymentApproved', data: facts }),
  'order.packed': (_p, facts) => ({ type: 'OrderPacked', data: facts }),
  'parcel.handed_over': (p, facts) => ({ type: 'HandedToCarrier', data: { ...facts, ...(p.carrier && { carrier: p.carrier }) } }),
  'order.canceled': (p, facts) => ({ type: 'OrderCanceled', data: { ...facts, ...(p.reason && { reason: p.reason }) } }),
  'order.delayed': (p, facts) => ({
    type: 'DelayReported',
    data: { ...facts, reason: DELAY_REASON_OF[p.reason!], ...(p.detail && { detail: p.detail }) },
  }),
  'action.confirmed': (p, facts) => actionAnswered(facts, 'confirmed', p),
  'action.refused': (p, facts) => actionAnswered(facts, 'refused', p),
};

export const warehouseWebhook: PartnerWebhook<WarehousePayload> = {
  payload: WarehousePayload,
  kindField: 'event',
  timeField: 'occurredAt',
  kinds: WAREHOUSE_EVENTS,
  normalise: (p) => EVENT_OF[p.event](p, { orderId: p.orderId, partner: 'warehouse', partnerEventId: p.eventId, occurredAt: toInstant(p.occurredAt) }),
};
