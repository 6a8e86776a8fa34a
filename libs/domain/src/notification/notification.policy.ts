import type { Instant } from '../shared/event';
import { namesPastDay } from './notification-staleness.policy';
import type { OrderEvent } from '../order/order.events';
import { channelsFor } from './channel-choice.policy';
import { checkFrequencyCaps, DEFAULT_FREQUENCY_LIMITS, type FrequencyLimits, type SentNotification } from './frequency-cap.policy';
import { COLLAPSIBLE_KINDS, DEFAULT_COLLAPSE_WINDOW_MS, FINAL_KINDS } from './notification-collapse.policy';
import { toDigest } from './notification-digest.policy';
import { triggerOf, type NotificationTrigger, type OrderContext } from './notification.triggers';
import type { CustomerPreferences, NotificationKind, SendNotification, UnsentNotification, UnsentReason } from './notification.types';
import { quietHoursHold } from './quiet-hours.policy';

export type NotificationPolicyOptions = Readonly<{
  limits: FrequencyLimits;
  /** Hold for non-urgent status news so a burst collapses (see collapse()); 0 sends at once. */
  collapseWindowMs: number;
}>;

export const DEFAULT_NOTIFICATION_POLICY_OPTIONS: NotificationPolicyOptions = {
  limits: DEFAULT_FREQUENCY_LIMITS,
  collapseWindowMs: DEFAULT_COLLAPSE_WINDOW_MS,
};

export type NotificationPolicyInput = Readonly<{
  event: OrderEvent;
  /** The event's identity in the store (global position or event id): the same event, the same id. */
  eventId: string | number;
  order: OrderContext;
  preferences: CustomerPreferences;
  /** The customer's recent notifications (all orders, last 24 h is enough): caps and de-duplication. */
  sent: readonly SentNotification[];
  /** The decision instant: the event's own time, so a replay decides as the first run did. */
  now: Instant;
  /** The customer's queued digests (capped news joins the one of its slot). */
  digests?: readonly SendNotification[];
  options?: Partial<NotificationPolicyOptions>;
}>;

/** What to queue, and every decision not to send (or not yet), for the notification log. */
export type NotificationOutcome = Readonly<{ sends: readonly SendNotification[]; unsent: readonly UnsentNotification[] }>;

export const NO_NOTIFICATION: NotificationOutcome = { sends: [], unsent: [] };

/**
 * The notifier's decider: one order event in, what to send out and what not (with why). Pure: time
 * comes in as `now`, the sent log comes in as data.
 */
export function decideNotificationOutcome(input: NotificationPolicyInput): NotificationOutcome {
  const trigger = triggerOf(input.event, input.order);
  if (!trigger) return NO_NOTIFICATION;
  const eventKey = String(input.eventId);
  if (trigger.kind === 'eta-changed' && !input.order.toldExpected) return unsentOnly(trigger, eventKey, input.order, 'no-date-told');
  const pastDate = namesPastDay(trigger, input.now, input.preferences.timeZone);
  if (pastDate) return unsentOnly(trigger, eventKey, input.order, 'stale', pastDate);
  return schedule(trigger, eventKey, input);
}

/** The sends alone (tests and callers that do not keep the log). */
export function decideNotifications(input: NotificationPolicyInput): SendNotification[] {
  return [...decideNotificationOutcome(input).sends];
}

/** Deterministic: redelivery of the same event (at-least-once Kafka) yields the same id, which the notifier sends once. */
export function notificationIdOf(orderId: string, kind: NotificationKind, eventKey: string): string {
  return `${orderId}:${kind}:${eventKey}`;
}

type ScheduleContext = Pick<NotificationPolicyInput, 'order' | 'preferences' | 'sent' | 'now' | 'digests' | 'options'>;

/**
 * From "this deserves a message" to the decision: channels, de-duplication, caps, timing. Shared with
 * time-driven reminders. Capped news is not dropped: it goes into the customer's digest.
 */
export function schedule(trigger: NotificationTrigger, eventKey: string, ctx: ScheduleContext): NotificationOutcome {
  const options = ctx.options ? { ...DEFAULT_NOTIFICATION_POLICY_OPTIONS, ...ctx.options } : DEFAULT_NOTIFICATION_POLICY_OPTIONS;
  const { order, preferences, sent, now } = ctx;
  const notificationId = notificationIdOf(order.orderId, trigger.kind, eventKey);
  if (sent.some((s) => s.notificationId === notificationId)) return NO_NOTIFICATION;

  const channels = channelsFor(trigger.kind, preferences);
  if (!channels.length) {
    const reason = preferences.channels[trigger.kind]?.length ? 'no-contact' : 'opted-out';
    return unsentOnly(trigger, eventKey, order, reason);
  }
  const { notBefore, quietUntil, heldFrom } = timingOf(trigger, now, preferences, options.collapseWindowMs);
  const send: SendNotification = {
    notificationId,
    orderId: order.orderId,
    customerId: order.customerId,
    kind: trigger.kind,
    urgent: trigger.urgent,
    channels,
    notBefore,
    facts: trigger.facts,
    ...(heldFrom ? { heldFrom } : {}),
  };
  const cap = checkFrequencyCaps(trigger.kind, order.orderId, sent, now, options.limits);
  if (!cap.allowed) {
    const digest = toDigest(send, preferences, sent, now, ctx.digests);
    return { sends: [digest], unsent: [noteOf(send, 'digested', `${cap.exceeded} cap reached; in ${digest.notificationId}`)] };
  }
  return { sends: [send], unsent: quietUntil ? [noteOf(send, 'held-quiet-hours', `until ${quietUntil}`)] : [] };
}

export function noteOf(send: Pick<SendNotification, 'notificationId' | 'orderId' | 'kind'>, reason: UnsentReason, detail?: string): UnsentNotification {
  return { notificationId: send.notificationId, orderId: send.orderId, kind: send.kind, reason, ...(detail ? { detail } : {}) };
}

function unsentOnly(trigger: NotificationTrigger, eventKey: string, order: OrderContext, reason: UnsentReason, detail?: string): NotificationOutcome {
  return {
    sends: [],
    unsent: [noteOf({ notificationId: notificationIdOf(order.orderId, trigger.kind, eventKey), orderId: order.orderId, kind: trigger.kind }, reason, detail)],
  };
}

/**
 * Urgent news goes now, whatever the hour. Other news waits for quiet hours to end, and status news also
 * for its collapse window, except the end of the journey: nothing later can collapse into it. Quiet hours
 * are read where the hold ends, so a window that runs into them (news of 21:59) waits for their end too.
 */
function timingOf(
  trigger: NotificationTrigger,
  now: Instant,
  preferences: CustomerPreferences,
  collapseWindowMs: number,
): { notBefore: Instant; quietUntil?: Instant; heldFrom?: Instant } {
  if (trigger.urgent) return { notBefore: now };
  const hold = COLLAPSIBLE_KINDS.has(trigger.kind) && !FINAL_KINDS.has(trigger.kind) ? collapseWindowMs : 0;
  const afterHold = Date.parse(now) + hold;
  const quietEnd = quietHoursHold(trigger, hold ? new Date(afterHold).toISOString() : now, preferences);
  const quietEndMs = quietEnd ? Date.parse(quietEnd) : 0;
  const notBefore = new Date(Math.max(afterHold, quietEndMs)).toISOString();
  return quietEnd && quietEndMs > afterHold ? { notBefore, quietUntil: quietEnd, heldFrom: new Date(afterHold).toISOString() } : { notBefore };
}
