import type { CalendarDate, Instant } from '../shared/event';
import type { AftercareState } from './aftercare';
import { evolveAftercare, isAftercareEvent } from './aftercare';
import type { Milestone } from './milestone';
import { type ActionRecord, evolveCustomerAction } from './customer-action.state';
import { isCustomerActionEvent } from './customer-action.events';
import { MILESTONE_OF, type OrderEvent, type Partner, type PartnerEvent, type PredictedDelayCause } from './order.events';

/** What the decider needs to know about an order: nothing more (views live in projections). */
export type Order =
  | { readonly exists: false }
  | {
      readonly exists: true;
      readonly orderId: string;
      readonly customerId: string;
      readonly promisedBy: CalendarDate;
      readonly status: Milestone;
      readonly statusAt: Instant;
      /** Every partner event recorded, by `${partner}:${partnerEventId}`: the idempotency key, and the facts a retry must repeat. */
      readonly seen: ReadonlyMap<string, PartnerEvent>;
      readonly delayActive: boolean;
      readonly delayExpected?: CalendarDate;
      readonly delayReason?: PredictedDelayCause;
      readonly promiseBroken: boolean;
      readonly lastExpected?: CalendarDate;
      /** The day told with the broken promise, until a later delay names another. */
      readonly brokenExpected?: CalendarDate;
      /** Customer actions by id (customer-action.state.ts). */
      readonly actions?: ReadonlyMap<string, ActionRecord>;
      /** Compensation, return and pickup-point storage (aftercare.ts). */
      readonly aftercare?: AftercareState;
    };
export type ExistingOrder = Extract<Order, { exists: true }>;

export const initialOrder = (): Order => ({ exists: false });

export const seenKey = (partner: Partner, partnerEventId: string): string => `${partner}:${partnerEventId}`;

/** An event that happened before the current status was reached: kept in history, status unmoved. */
export const isStale = (occurredAt: Instant, statusAt: Instant): boolean => Date.parse(occurredAt) < Date.parse(statusAt);

export function evolve(state: Order, event: OrderEvent): Order {
  if (event.type === 'OrderPlaced') {
    const d = event.data;
    return {
      exists: true,
      orderId: d.orderId,
      customerId: d.customerId,
      promisedBy: d.promisedBy,
      status: 'Placed',
      statusAt: d.occurredAt,
      seen: new Map([[seenKey(d.partner, d.partnerEventId), event]]),
      delayActive: false,
      promiseBroken: false,
    };
  }
  if (!state.exists) return state; // events for an unknown order are never appended; ignore defensively
  if (isCustomerActionEvent(event)) return evolveCustomerAction(state, event);
  if (isAftercareEvent(event)) return evolveAftercare(state, event);
  switch (event.type) {
    case 'DelayPredicted':
      // the alert told the customer its date: later revisions start from it
      return {
        ...state,
        delayActive: true,
        delayExpected: event.data.newExpected,
        delayReason: event.data.reason,
        lastExpected: event.data.newExpected,
        brokenExpected: undefined,
      };
    case 'DelayCleared':
      return {
        ...state,
        delayActive: false,
        delayExpected: undefined,
        delayReason: undefined,
        lastExpected: event.data.newExpected,
        brokenExpected: undefined,
      };
    case 'PromiseBroken':
      return { ...state, promiseBroken: true, brokenExpected: event.data.newExpected };
    case 'EtaRevised':
      return { ...state, lastExpected: event.data.newExpected };
    default: {
      const d = event.data;
      const seen = new Map(state.seen).set(seenKey(d.partner, d.partnerEventId), event);
      const target = MILESTONE_OF[event.type];
      if (!target || isStale(d.occurredAt, state.statusAt)) return { ...state, seen };
      return { ...state, seen, status: target, statusAt: d.occurredAt };
    }
  }
}

/** When an event happened, or (for the system's own conclusions) when it was concluded. */
export function instantOf(event: OrderEvent): Instant {
  switch (event.type) {
    case 'DelayPredicted':
    case 'PromiseBroken':
      return event.data.detectedAt;
    case 'DelayCleared':
      return event.data.clearedAt;
    case 'EtaRevised':
      return event.data.revisedAt;
    case 'CustomerActionRequested':
      return event.data.requestedAt;
    default:
      return event.data.occurredAt;
  }
}
