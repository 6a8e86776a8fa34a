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

type Placed = Extract<PartnerEvent, { type: 'OrderPlaced' }>;
type PlacedData = { -readonly [K in keyof Placed['data']]: Placed['data'][K] };

/**
 * Built by assignment, not as `{ ...facts, customerId, ... }`: this Node's V8 takes a slow path for every key added to
 * an object made by a spread (docs/PERFORMANCE.md, session 15), and every placement passes here. Same keys, same order.
 */
function placed(p: WarehousePayload, facts: PartnerFacts): Placed {
  const data: PlacedData = Object.assign({}, facts, {
    customerId: p.customerId!,
    promisedBy: p.promisedDate!,
    origin: toPlace(p.origin),
    destination: toPlace(p.destination),
  });
  if (p.itemCount !== undefined) data.itemCount = p.itemCount;
  if (p.sellerId !== undefined) data.sellerId = p.sellerId;
  if (p.productCategory !== undefined) data.productCategory = p.productCategory;
  if (p.handOverBy !== undefined) data.handOverBy = toInstant(p.handOverBy);
  if (p.priceTotal !== undefined) data.priceTotal = p.priceTotal;
  if (p.freightTotal !== undefined) data.freightTotal = p.freightTotal;
  return { type: 'OrderPlaced', data };
}

// The `!` below are safe: validation made these fields required for that event (see the payload's groups).
const EVENT_OF: Record<WarehouseEventName, (p: WarehousePayload, facts: PartnerFacts) => PartnerEvent> = {
  'order.placed': placed,
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
