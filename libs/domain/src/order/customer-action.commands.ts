import type { CalendarDate, Cmd, Instant } from '../shared/event';
import type { CustomerActionType, OfferedPickupPoint } from './customer-action.events';

/** What the customer chose: a day for a reschedule, a point for a switch. */
export type ActionChoice =
  | Readonly<{ type: Exclude<CustomerActionType, 'reschedule-delivery' | 'switch-to-pickup-point'> }>
  | Readonly<{ type: 'reschedule-delivery'; day: CalendarDate }>
  | Readonly<{ type: 'switch-to-pickup-point'; pickupPointId: string }>;

/** What the partners offer now (from the partner directory): the decider only accepts a choice among them. */
export type PartnerOffers = Readonly<{ days: readonly CalendarDate[]; pickupPoints: readonly OfferedPickupPoint[] }>;

export type RequestCustomerAction = Cmd<
  'RequestCustomerAction',
  { orderId: string; actionId: string; requestId: string; requestedBy: string; requestedAt: Instant; choice: ActionChoice; offers: PartnerOffers }
>;
