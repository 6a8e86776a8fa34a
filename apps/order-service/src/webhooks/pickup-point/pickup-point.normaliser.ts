import type { PartnerEvent, PartnerFacts } from '@ot/domain';
import { toInstant } from '../shared/date-format.validators';
import { actionAnswered } from '../shared/action-answer';
import type { PartnerWebhook } from '../shared/partner-webhook';
import { PICKUP_POINT_KINDS, type PickupPointKind, PickupPointPayload } from './pickup-point.payload';

// The `!` below are safe: validation made point and storageDeadline required on arrival.
const EVENT_OF: Record<PickupPointKind, (p: PickupPointPayload, facts: PartnerFacts) => PartnerEvent> = {
  arrived: (p, facts) => ({
    type: 'ArrivedAtPickupPoint',
    data: { ...facts, pickupPoint: { pointId: p.point!.id, address: p.point!.address, storageDeadline: toInstant(p.storageDeadline!) } },
  }),
  picked_up: (_p, facts) => ({ type: 'PickedUp', data: facts }),
  // Uncollected by the deadline: the point sends it back, which ends the order like a courier return.
  returned: (_p, facts) => ({ type: 'ReturnedToSender', data: facts }),
  action_confirmed: (p, facts) => actionAnswered(facts, 'confirmed', p),
  action_refused: (p, facts) => actionAnswered(facts, 'refused', p),
};

export const pickupPointWebhook: PartnerWebhook<PickupPointPayload> = {
  payload: PickupPointPayload,
  kindField: 'kind',
  timeField: 'at',
  kinds: PICKUP_POINT_KINDS,
  normalise: (p) => EVENT_OF[p.kind](p, { orderId: p.orderId, partner: 'pickup-point', partnerEventId: p.id, occurredAt: toInstant(p.at) }),
};
