import type { CalendarDate, Ev, Instant } from '../shared/event';
import type { Partner, PartnerFacts } from './order.events';

/** What a customer may do about a late order (issue 17): each one is decided against the order's state. */
export const CUSTOMER_ACTION_TYPES = ['accept-new-date', 'reschedule-delivery', 'switch-to-pickup-point', 'cancel'] as const;
export type CustomerActionType = (typeof CUSTOMER_ACTION_TYPES)[number];

export const ACTION_ANSWERS = ['confirmed', 'refused'] as const;
export type ActionAnswer = (typeof ACTION_ANSWERS)[number];
export type ActionState = 'requested' | ActionAnswer;

/** The partner each action is passed to; accepting the new date asks nobody, so it is confirmed when recorded. */
export const PARTNER_OF_ACTION: Readonly<Record<CustomerActionType, Partner | undefined>> = {
  'accept-new-date': undefined,
  'reschedule-delivery': 'courier',
  'switch-to-pickup-point': 'pickup-point',
  cancel: 'warehouse',
};

export type OfferedPickupPoint = Readonly<{ pointId: string; address: string }>;

/** The action as recorded: what was chosen, with what the customer saw (the date accepted, the point's address). */
export type RequestedAction =
  | Readonly<{ type: 'accept-new-date'; newDate: CalendarDate }>
  | Readonly<{ type: 'reschedule-delivery'; day: CalendarDate }>
  | Readonly<{ type: 'switch-to-pickup-point'; pickupPoint: OfferedPickupPoint }>
  | Readonly<{ type: 'cancel' }>;

export type CustomerActionRequested = Ev<
  'CustomerActionRequested',
  {
    orderId: string;
    actionId: string;
    /** The client's id for the request: a retry with it is answered with this action, never a second one. */
    requestId: string;
    requestedBy: string;
    requestedAt: Instant;
    action: RequestedAction;
    /** The partner it is passed to (by the outbound webhook outbox); absent when nobody has to agree. */
    partner?: Partner;
  }
>;

/** The partner's answer, reported by its webhook like any other partner fact (idempotent on its event id). */
export type CustomerActionAnswered = Ev<'CustomerActionAnswered', PartnerFacts & { actionId: string; answer: ActionAnswer; reason?: string }>;

export type CustomerActionEvent = CustomerActionRequested | CustomerActionAnswered;

export const isCustomerActionEvent = (e: { type: string }): e is CustomerActionEvent =>
  e.type === 'CustomerActionRequested' || e.type === 'CustomerActionAnswered';
