import { DomainError } from '../shared/domain-error';
import type { ActionChoice, RequestCustomerAction } from './customer-action.commands';
import { type CustomerActionAnswered, type CustomerActionRequested, PARTNER_OF_ACTION, type RequestedAction } from './customer-action.events';
import { newDateOf, refusalOf } from './customer-action.rules';
import { actionsOf } from './customer-action.state';
import type { ExistingOrder } from './order.state';

const notAllowed = (orderId: string, reason: string, detail: string) => new DomainError('ACTION_NOT_ALLOWED', detail, { orderId, reason });

/**
 * A customer's action: a retry of the same request id gives [] (the action recorded first stands), a
 * request id reused for another choice is refused, and the order's state must allow the action now.
 */
export function decideCustomerAction(c: RequestCustomerAction['data'], s: ExistingOrder): CustomerActionRequested[] {
  const previous = [...actionsOf(s).values()].find((a) => a.requestId === c.requestId);
  if (previous) {
    if (sameChoice(previous.action, c.choice)) return [];
    throw new DomainError('REQUEST_ID_CONFLICT', `request id ${c.requestId} was already used on order ${c.orderId} for a ${previous.action.type}`, {
      orderId: c.orderId,
      requestId: c.requestId,
    });
  }
  const refusal = refusalOf(s, c.choice.type);
  if (refusal) throw notAllowed(c.orderId, refusal.reason, refusal.detail);
  const partner = PARTNER_OF_ACTION[c.choice.type];
  const { orderId, actionId, requestId, requestedBy, requestedAt } = c;
  return [
    { type: 'CustomerActionRequested', data: { orderId, actionId, requestId, requestedBy, requestedAt, action: actionOf(c, s), ...(partner && { partner }) } },
  ];
}

/** A partner's answer: only the partner asked may answer, once (the same answer again is a retry). */
export function decideActionAnswer(event: CustomerActionAnswered, s: ExistingOrder): CustomerActionAnswered[] {
  const { orderId, actionId, partner, answer } = event.data;
  const action = actionsOf(s).get(actionId);
  if (!action) throw new DomainError('ACTION_NOT_FOUND', `order ${orderId} has no action ${actionId}`, { orderId, actionId });
  if (action.partner !== partner) throw notAllowed(orderId, 'not-asked', `action ${actionId} was not passed to ${partner}`);
  if (action.state === answer) return [];
  if (action.state !== 'requested') throw notAllowed(orderId, 'already-answered', `action ${actionId} was already ${action.state}`);
  return [event];
}

function actionOf(c: RequestCustomerAction['data'], s: ExistingOrder): RequestedAction {
  const { choice, offers, orderId } = c;
  switch (choice.type) {
    case 'accept-new-date':
      return { type: choice.type, newDate: newDateOf(s)! }; // refusalOf made sure there is one
    case 'reschedule-delivery':
      if (!offers.days.includes(choice.day)) throw notAllowed(orderId, 'day-not-offered', `the courier does not offer ${choice.day}`);
      return { type: choice.type, day: choice.day };
    case 'switch-to-pickup-point': {
      const pickupPoint = offers.pickupPoints.find((p) => p.pointId === choice.pickupPointId);
      if (!pickupPoint) throw notAllowed(orderId, 'pickup-point-not-offered', `pickup point ${choice.pickupPointId} is not offered`);
      return { type: choice.type, pickupPoint };
    }
    case 'cancel':
      return { type: choice.type };
  }
}

function sameChoice(recorded: RequestedAction, choice: ActionChoice): boolean {
  if (recorded.type !== choice.type) return false;
  if (recorded.type === 'reschedule-delivery' && choice.type === 'reschedule-delivery') return recorded.day === choice.day;
  if (recorded.type === 'switch-to-pickup-point' && choice.type === 'switch-to-pickup-point') return recorded.pickupPoint.pointId === choice.pickupPointId;
  return true;
}
