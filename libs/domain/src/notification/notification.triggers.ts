import type { CalendarDate, Instant } from '../shared/event';
import { TERMINAL, type Milestone } from '../order/milestone';
import { MILESTONE_OF, type OrderEvent, type PickupPoint } from '../order/order.events';
import type { NotificationFacts, NotificationKind } from './notification.types';
import { isStale } from '../order/order.state';
import { isAftercareEvent } from '../order/aftercare';
import { aftercareTriggerOf } from './aftercare.triggers';

/**
 * What the policy needs to know about the order besides the event. The folded domain `Order`
 * (exists: true) fits as is; a status view row does too.
 * statusAt lets the policy skip a late scan (older than the current status): the order decider
 * records such scans in history without moving the status, and the customer must not be told
 * "shipped" after "delivered".
 */
export type OrderContext = Readonly<{
  orderId: string;
  customerId: string;
  status?: Milestone;
  statusAt?: Instant;
  promisedBy?: CalendarDate;
  pickupPoint?: PickupPoint;
  /** The last delivery date the customer was told (shipped, delay or date news): "new date" news needs one. */
  toldExpected?: CalendarDate;
  /** When that date was told (decided). */
  toldAt?: Instant;
}>;

/** An event that deserves a message: which kind, whether it may wake people up, and what it says. */
export type NotificationTrigger = Readonly<{ kind: NotificationKind; urgent: boolean; facts: NotificationFacts }>;

/** Time-critical for the customer (someone must be home, or act now): sent even in quiet hours. */
export const URGENT_KINDS: ReadonlySet<NotificationKind> = new Set(['out-for-delivery', 'delivery-attempt-failed']);

const DAY_MS = 86_400_000;
/** A later date is told at once only when it moves this many days or more; else when the told day comes near. */
export const LATER_DATE_JUMP_DAYS = 7;
/** An earlier date is told at most every two days, unless it moves this many days or more. */
export const EARLIER_DATE_JUMP_DAYS = 3;
const DATE_NEWS_SPACING_MS = 2 * DAY_MS;
const daysBetween = (a: CalendarDate, b: CalendarDate): number => Math.abs(Date.parse(b) - Date.parse(a)) / DAY_MS;

/**
 * Events no notification rule answers: they trigger nothing, end no journey (nothing queued goes stale, no
 * digest is withdrawn from) and move no storage deadline, so their decision is always empty, whatever the
 * order's state. The decider answers them at once; the notifier need not read anything to decide them.
 */
const SILENT_EVENT_TYPES: ReadonlySet<string> = new Set<OrderEvent['type']>([
  'OrderPlaced',
  'PaymentApproved',
  'OrderPacked',
  'InTransit',
  'DelayReported',
  'CustomerActionRequested',
  'CustomerActionAnswered',
]);
export const isSilentEvent = (event: OrderEvent): boolean => SILENT_EVENT_TYPES.has(event.type);

/**
 * The notification an event triggers, or null. Placed, payment approved, packed and in-transit scans
 * say nothing the customer needs. DelayReported is silent on purpose: the delay reactor turns it into
 * DelayPredicted (with the new date), which is what the customer hears about, once.
 */
export function triggerOf(event: OrderEvent, order: OrderContext): NotificationTrigger | null {
  const base = { orderId: order.orderId };
  const status = (kind: NotificationKind, facts: Omit<NotificationFacts, 'orderId'> = {}) =>
    trigger(kind, { ...base, status: (MILESTONE_OF as Record<string, Milestone>)[event.type], ...facts });
  if (isAftercareEvent(event)) return aftercareTriggerOf(event);
  if ('occurredAt' in event.data && isLateScan(event.data.occurredAt, order)) return null;
  const delayRelevant = !order.status || !TERMINAL.has(order.status);

  switch (event.type) {
    case 'HandedToCarrier':
      return status('shipped', { promisedBy: order.promisedBy });
    case 'OutForDelivery':
      return status('out-for-delivery');
    case 'DeliveryAttemptFailed':
      return status('delivery-attempt-failed', { reason: event.data.reason });
    case 'ArrivedAtPickupPoint': {
      const { address, storageDeadline } = event.data.pickupPoint;
      return status('at-pickup-point', { pickupPoint: { address, storageDeadline } });
    }
    case 'Delivered':
    case 'PickedUp':
      return status('delivered');
    case 'OrderCanceled':
      return status('canceled', { reason: event.data.reason });
    case 'ReturnedToSender':
      return status('returned', { reason: event.data.reason });
    // Delay news about an order already delivered, canceled or returned would only confuse.
    case 'DelayPredicted': {
      const { reason, newExpected, promisedBy } = event.data;
      return delayRelevant ? trigger('delay-predicted', { ...base, reason, newExpected, promisedBy }) : null;
    }
    case 'PromiseBroken': {
      const { promisedBy, newExpected } = event.data;
      return delayRelevant ? trigger('promise-broken', { ...base, promisedBy, ...(newExpected ? { newExpected } : {}) }) : null;
    }
    case 'DelayCleared':
      return delayRelevant ? trigger('delay-cleared', { ...base, newExpected: event.data.newExpected }) : null;
    // "From" is the date the customer was told, not the model's previous guess; no date told, no "new date" (the policy records why).
    // While both dates keep the promise, what the customer was told ("by <promise>") still holds: not news.
    case 'EtaRevised': {
      const { newExpected } = event.data;
      const previousExpected = order.toldExpected ?? event.data.previousExpected;
      if (!delayRelevant || daysBetween(previousExpected, newExpected) < 1) return null;
      const keepsPromise = (d: CalendarDate) => !!order.promisedBy && d <= order.promisedBy;
      if (keepsPromise(previousExpected) && keepsPromise(newExpected)) return null;
      if (!isDateNews(previousExpected, newExpected, event.data.revisedAt, order.toldAt)) return null;
      return trigger('eta-changed', { ...base, previousExpected, newExpected });
    }
    case 'OrderPlaced':
    case 'PaymentApproved':
    case 'OrderPacked':
    case 'InTransit':
    case 'DelayReported':
    case 'CustomerActionRequested':
    case 'CustomerActionAnswered':
      return null; // SILENT_EVENT_TYPES
    default: {
      const unknown: never = event;
      throw new Error(`no notification rule for ${(unknown as OrderEvent).type}`);
    }
  }
}

/**
 * Whether a move of the expected day (both beyond the promise or crossing it) is worth a message. A
 * forecast that slips a day at a time would otherwise say "new date" every day: a later day is told when
 * the day we told is near (from the day before it: the customer would otherwise wait in vain) or when it
 * jumps a week; an earlier day (good news) at most every two days unless it jumps.
 */
function isDateNews(told: CalendarDate, next: CalendarDate, at: Instant, toldAt: Instant | undefined): boolean {
  const move = daysBetween(told, next);
  if (next > told) return move >= LATER_DATE_JUMP_DAYS || Date.parse(at) >= Date.parse(told) - DAY_MS;
  const toldRecently = !!toldAt && Date.parse(at) - Date.parse(toldAt) < DATE_NEWS_SPACING_MS;
  return !toldRecently || move >= EARLIER_DATE_JUMP_DAYS;
}

function trigger(kind: NotificationKind, facts: NotificationFacts): NotificationTrigger {
  return { kind, urgent: URGENT_KINDS.has(kind), facts };
}

function isLateScan(occurredAt: Instant, order: OrderContext): boolean {
  return order.statusAt !== undefined && isStale(occurredAt, order.statusAt);
}
