import type { DelayReason, PartnerEvent, PartnerFacts } from '@ot/domain';
import { toInstant } from '../shared/date-format.validators';
import { actionAnswered } from '../shared/action-answer';
import type { PartnerWebhook } from '../shared/partner-webhook';
import { toPlace } from '../shared/place.payload';
import { COURIER_STATUSES, CourierPayload, type CourierStatus, type ExceptionCode } from './courier.payload';

const DELAY_REASON_OF: Record<ExceptionCode, DelayReason> = {
  WEATHER: 'weather',
  CARRIER: 'carrier',
  WAREHOUSE: 'warehouse',
  ADDRESS_PROBLEM: 'address-problem',
  LOST: 'lost',
  OTHER: 'other',
};

// The `!` below are safe: validation made these fields required for that status.
const EVENT_OF: Record<CourierStatus, (p: CourierPayload, facts: PartnerFacts) => PartnerEvent> = {
  // The courier does not name itself in its feed; the order's history should still say who has it.
  PICKED_UP: (_p, facts) => ({ type: 'HandedToCarrier', data: { ...facts, carrier: 'courier' } }),
  IN_TRANSIT: (p, facts) => ({ type: 'InTransit', data: { ...facts, location: toPlace(p.location) } }),
  OUT_FOR_DELIVERY: (_p, facts) => ({ type: 'OutForDelivery', data: facts }),
  ATTEMPT_FAILED: (p, facts) => ({ type: 'DeliveryAttemptFailed', data: { ...facts, reason: p.reason! } }),
  DELIVERED: (_p, facts) => ({ type: 'Delivered', data: facts }),
  RETURNED_TO_SENDER: (p, facts) => ({ type: 'ReturnedToSender', data: { ...facts, ...(p.reason && { reason: p.reason }) } }),
  // An exception is a delay the courier reports without a status change; its free text becomes the detail.
  EXCEPTION: (p, facts) => ({
    type: 'DelayReported',
    data: { ...facts, reason: DELAY_REASON_OF[p.exceptionCode!], ...(p.reason && { detail: p.reason }) },
  }),
  ACTION_CONFIRMED: (p, facts) => actionAnswered(facts, 'confirmed', p),
  ACTION_REFUSED: (p, facts) => actionAnswered(facts, 'refused', p),
};

export const courierWebhook: PartnerWebhook<CourierPayload> = {
  payload: CourierPayload,
  kindField: 'status',
  timeField: 'timestamp',
  kinds: COURIER_STATUSES,
  normalise: (p) =>
    EVENT_OF[p.status](p, { orderId: p.shipmentRef, partner: 'courier', partnerEventId: p.trackingEventId, occurredAt: toInstant(p.timestamp) }),
};
