import { delayFlagsOf } from '../delay/delay-state';
import { addDays } from '../eta/zoned-time';
import type { CalendarDate } from '../shared/event';
import { TERMINAL } from './milestone';
import type { PartnerOffers } from './customer-action.commands';
import { CUSTOMER_ACTION_TYPES, type CustomerActionType, type OfferedPickupPoint } from './customer-action.events';
import { actionsOf } from './customer-action.state';
import type { ExistingOrder } from './order.state';

/** Why an action is not possible now: `reason` is a stable slug for clients, `detail` a sentence for people. */
export type ActionRefusal = Readonly<{ reason: string; detail: string }>;

/** One action the customer can take now, with the choices the partners offer for it. */
export type ActionOffer = Readonly<{ type: CustomerActionType; days?: CalendarDate[]; pickupPoints?: OfferedPickupPoint[] }>;

const LEFT_NO_WAREHOUSE: ReadonlySet<string> = new Set(['Placed', 'PaymentApproved', 'Packed']);

/**
 * The date a customer is asked to accept: the one the broken-promise message named, else the delay's announced day,
 * or the last forecast once the promise is broken.
 */
export function newDateOf(s: ExistingOrder): CalendarDate | undefined {
  if (s.brokenExpected) return s.brokenExpected;
  if (s.delayActive) return s.delayExpected;
  return s.promiseBroken ? s.lastExpected : undefined;
}

/** The first day a reschedule may name: tomorrow, and never before the forecast window's earliest day (the parcel cannot make it). */
export function firstRescheduleDay(today: CalendarDate, forecastEarliest: CalendarDate | undefined): CalendarDate {
  const tomorrow = addDays(today, 1);
  return forecastEarliest !== undefined && forecastEarliest > tomorrow ? forecastEarliest : tomorrow;
}

const refuse = (reason: string, detail: string): ActionRefusal => ({ reason, detail });

/**
 * The one rule for which actions an order allows: GET /orders/:id/actions lists what it allows,
 * the decider refuses the rest with the reason. Checked in this order, so the reason is the most basic one.
 */
export function refusalOf(s: ExistingOrder, type: CustomerActionType): ActionRefusal | undefined {
  const actions = [...actionsOf(s).values()];
  const open = (t: CustomerActionType) => actions.find((a) => a.action.type === t && a.state !== 'refused');
  if (open('cancel')) return refuse('cancel-requested', `order ${s.orderId} is being canceled`);
  if (TERMINAL.has(s.status)) return refuse('order-closed', `order ${s.orderId} is ${s.status}: there is nothing left to change`);
  if (type === 'cancel' && !LEFT_NO_WAREHOUSE.has(s.status)) {
    return refuse('left-warehouse', `order ${s.orderId} has left the warehouse (${s.status}): it can no longer be canceled`);
  }
  if (type === 'reschedule-delivery' || type === 'switch-to-pickup-point') {
    if (s.status === 'ArrivedAtPickupPoint') return refuse('at-pickup-point', `order ${s.orderId} is already at a pickup point`);
    if (open('switch-to-pickup-point')) return refuse('switched-to-pickup-point', `order ${s.orderId} goes to a pickup point`);
    if (actions.some((a) => a.action.type === type && a.state === 'requested')) {
      return refuse('answer-pending', `a ${type} of order ${s.orderId} is waiting for the partner's answer`);
    }
  }
  if (!delayFlagsOf(s).isDelayed) return refuse('not-delayed', `order ${s.orderId} is on track: actions are offered when it is late or at risk`);
  if (type === 'accept-new-date') {
    const date = newDateOf(s);
    if (!date) return refuse('no-new-date', `order ${s.orderId} has no new date to accept`);
    if (actions.some((a) => a.action.type === 'accept-new-date' && a.action.newDate === date)) {
      return refuse('already-accepted', `the new date ${date} of order ${s.orderId} is already accepted`);
    }
  }
  return undefined;
}

/**
 * Why a request still on its way to the partner (a dead letter ops would re-drive) is no longer worth sending:
 * the order has ended (delivered, collected, returned, canceled), or the partner has answered it meanwhile.
 */
export function requestOvertaken(s: ExistingOrder, actionId: string): string | undefined {
  if (TERMINAL.has(s.status)) return `order ${s.orderId} is ${s.status}: there is nothing left to ask the partner`;
  const recorded = actionsOf(s).get(actionId);
  if (recorded && recorded.state !== 'requested') return `the partner has answered this ${recorded.action.type} of order ${s.orderId} (${recorded.state})`;
  return undefined;
}

/** The actions allowed now, each with what the partner offers for it (an action with nothing to choose is not offered). */
export function offeredActions(s: ExistingOrder, offers: PartnerOffers): ActionOffer[] {
  return CUSTOMER_ACTION_TYPES.filter((type) => !refusalOf(s, type)).flatMap((type): ActionOffer[] => {
    if (type === 'reschedule-delivery') return offers.days.length ? [{ type, days: [...offers.days] }] : [];
    if (type === 'switch-to-pickup-point') return offers.pickupPoints.length ? [{ type, pickupPoints: [...offers.pickupPoints] }] : [];
    return [{ type }];
  });
}
