import { decideAftercare, isAftercareCommand } from './aftercare';
import { fulfilsPromise } from '../delay/delay-state';
import { addDays } from '../eta/zoned-time';
import { DomainError } from '../shared/domain-error';
import { canMove, TERMINAL } from './milestone';
import type { OrderCommand } from './order.commands';
import { MILESTONE_OF, type OrderEvent, type PartnerEvent } from './order.events';
import { type ExistingOrder, isStale, type Order, seenKey } from './order.state';
import { sameFacts } from './partner-event.identity';
import { decideActionAnswer, decideCustomerAction } from './customer-action.decider';

/**
 * Pure: the command carries every instant it needs, so the same input always gives the same
 * events. An already-recorded partner event gives [] (idempotent), never an error; another
 * fact under an id already used is refused, so it is never silently dropped as a retry.
 */
export function decide(command: OrderCommand, state: Order): OrderEvent[] {
  if (isAftercareCommand(command)) return decideAftercare(command, mustExist(state, command.data.orderId));
  switch (command.type) {
    case 'RecordPartnerEvent':
      return recordPartnerEvent(command.data.event, state);
    case 'PredictDelay': {
      const s = mustExist(state, command.data.orderId);
      if (TERMINAL.has(s.status)) return [];
      const { newExpected, reason } = command.data;
      if (s.delayActive && s.delayExpected === newExpected && s.delayReason === reason) return [];
      return [{ type: 'DelayPredicted', data: command.data }];
    }
    case 'ClearDelay': {
      const s = mustExist(state, command.data.orderId);
      return s.delayActive ? [{ type: 'DelayCleared', data: command.data }] : [];
    }
    case 'BreakPromise': {
      const s = mustExist(state, command.data.orderId);
      // a delivery after the promised day broke it too (recorded when the delivery is judged)
      const closedOtherwise = TERMINAL.has(s.status) && !fulfilsPromise(s.status);
      return s.promiseBroken || closedOtherwise ? [] : [{ type: 'PromiseBroken', data: command.data }];
    }
    case 'ReviseEta': {
      const s = mustExist(state, command.data.orderId);
      if (TERMINAL.has(s.status) || s.lastExpected === command.data.newExpected) return [];
      return [{ type: 'EtaRevised', data: command.data }];
    }
    case 'RequestCustomerAction':
      return decideCustomerAction(command.data, mustExist(state, command.data.orderId));
    default: {
      const unknown: never = command;
      throw new DomainError('INVALID_EVENT', `unknown command ${(unknown as { type: string }).type}`);
    }
  }
}

function recordPartnerEvent(event: PartnerEvent, state: Order): OrderEvent[] {
  const { orderId, occurredAt } = event.data;
  if (event.type === 'OrderPlaced') {
    if (!state.exists) {
      if (promisedBeforePlacement(event.data.promisedBy, occurredAt)) {
        throw new DomainError('INVALID_EVENT', `order ${orderId} is promised for ${event.data.promisedBy}, before it was placed (${occurredAt})`, { orderId });
      }
      if (promisedTooFarAhead(event.data.promisedBy, occurredAt)) {
        throw new DomainError(
          'INVALID_EVENT',
          `order ${orderId} is promised for ${event.data.promisedBy}, more than ${MAX_PROMISE_DAYS} days after it was placed (${occurredAt})`,
          { orderId },
        );
      }
      return [event];
    }
    if (isRetry(state, event)) return [];
    throw new DomainError('ORDER_ALREADY_EXISTS', `order ${orderId} was already placed`, { orderId });
  }
  const s = mustExist(state, orderId);
  if (isRetry(s, event)) return [];
  if (event.type === 'ArrivedAtPickupPoint') assertStorageAfterArrival(event.data.pickupPoint.storageDeadline, occurredAt, orderId);
  if (event.type === 'CustomerActionAnswered') return decideActionAnswer(event, s);
  if (isStale(occurredAt, s.statusAt)) return [event]; // late scan: history only

  const target = MILESTONE_OF[event.type];
  const from = s.status;
  if (!target) {
    if (TERMINAL.has(from)) throw illegal(orderId, from, event.type);
    return [event];
  }
  const sameNonTerminal = target === from && !TERMINAL.has(from);
  if (!sameNonTerminal && !canMove(from, target)) throw illegal(orderId, from, target);
  return [event];
}

/** true for a retry of a recorded event; throws when the id was used for another fact. */
function isRetry(state: ExistingOrder, event: PartnerEvent): boolean {
  const { orderId, partner, partnerEventId } = event.data;
  const recorded = state.seen.get(seenKey(partner, partnerEventId));
  if (!recorded) return false;
  if (sameFacts(recorded, event)) return true;
  throw new DomainError(
    'DUPLICATE_EVENT_ID_CONFLICT',
    `${partner} event id ${partnerEventId} was already used on order ${orderId} for a ${recorded.type} with other facts; send each new fact with a new id`,
    { orderId, partner, partnerEventId, recordedType: recorded.type },
  );
}

const HOUR_MS = 3_600_000;
/** The calendar day an instant falls on at a zone `offsetHours` from Greenwich (-12 and +14 bound every zone). */
const dayAtOffset = (at: string, offsetHours: number): string => new Date(Date.parse(at) + offsetHours * HOUR_MS).toISOString().slice(0, 10);

/**
 * The decider does not know the customer's zone, so a promise is "before placement" only when it
 * is before the placement's calendar day in every zone: the day the placement falls on at UTC-12.
 */
function promisedBeforePlacement(promisedBy: string, placedAt: string): boolean {
  return promisedBy < dayAtOffset(placedAt, -12);
}

/** A promise further out is a typo (9999-12-31), and the ETA model would count business days up to it. */
const MAX_PROMISE_DAYS = 365;
/** Later than MAX_PROMISE_DAYS after the placement's calendar day in every zone: the day it falls on at UTC+14. */
function promisedTooFarAhead(promisedBy: string, placedAt: string): boolean {
  return promisedBy > addDays(dayAtOffset(placedAt, 14), MAX_PROMISE_DAYS);
}

/** A deadline at or before the arrival is a typo: taken as given, the storage would expire at once and the parcel go back. */
function assertStorageAfterArrival(storageDeadline: string, arrivedAt: string, orderId: string): void {
  if (Date.parse(storageDeadline) > Date.parse(arrivedAt)) return;
  throw new DomainError('INVALID_EVENT', `order ${orderId} would be kept at the pickup point until ${storageDeadline}, not after its arrival (${arrivedAt})`, {
    orderId,
  });
}

function mustExist(state: Order, orderId: string): ExistingOrder {
  if (!state.exists) throw new DomainError('ORDER_NOT_FOUND', `order ${orderId} is unknown`, { orderId });
  return state;
}

function illegal(orderId: string, from: string, to: string): DomainError {
  return new DomainError('ILLEGAL_TRANSITION', `order ${orderId} cannot go from ${from} to ${to}`, { orderId, from, to });
}
