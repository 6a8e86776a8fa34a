import type { Instant } from '../shared/event';
import type { OrderEvent } from '../order/order.events';
import { channelsFor } from './channel-choice.policy';
import { checkFrequencyCaps, DEFAULT_FREQUENCY_LIMITS, type FrequencyLimits, type SentNotification } from './frequency-cap.policy';
import { COLLAPSIBLE_KINDS, DEFAULT_COLLAPSE_WINDOW_MS } from './notification-collapse.policy';
import { triggerOf, type NotificationTrigger, type OrderContext } from './notification.triggers';
import type { CustomerPreferences, NotificationKind, SendNotification } from './notification.types';
import { quietHoursEnd } from './quiet-hours.policy';

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
  now: Instant;
  options?: Partial<NotificationPolicyOptions>;
}>;

/**
 * The notifier's decider: one order event in, what to send out. Pure: time comes in as `now`,
 * the sent log comes in as data. At most one notification per event.
 */
export function decideNotifications(input: NotificationPolicyInput): SendNotification[] {
  const trigger = triggerOf(input.event, input.order);
  if (!trigger) return [];
  return schedule(trigger, String(input.eventId), input);
}

/** Deterministic: redelivery of the same event (at-least-once Kafka) yields the same id, which the notifier sends once. */
export function notificationIdOf(orderId: string, kind: NotificationKind, eventKey: string): string {
  return `${orderId}:${kind}:${eventKey}`;
}

type ScheduleContext = Pick<NotificationPolicyInput, 'order' | 'preferences' | 'sent' | 'now' | 'options'>;

/** From "this deserves a message" to the decision: channels, de-duplication, caps, timing. Shared with time-driven reminders. */
export function schedule(trigger: NotificationTrigger, eventKey: string, ctx: ScheduleContext): SendNotification[] {
  const options = { ...DEFAULT_NOTIFICATION_POLICY_OPTIONS, ...ctx.options };
  const { order, preferences, sent, now } = ctx;
  const notificationId = notificationIdOf(order.orderId, trigger.kind, eventKey);
  if (sent.some((s) => s.notificationId === notificationId)) return [];

  const channels = channelsFor(trigger.kind, preferences);
  if (!channels.length) return [];
  if (!checkFrequencyCaps(trigger.kind, order.orderId, sent, now, options.limits).allowed) return [];

  return [
    {
      notificationId,
      orderId: order.orderId,
      customerId: order.customerId,
      kind: trigger.kind,
      urgent: trigger.urgent,
      channels,
      notBefore: notBeforeOf(trigger, now, preferences, options.collapseWindowMs),
      facts: trigger.facts,
    },
  ];
}

/** Urgent news goes now, whatever the hour. Other news waits for quiet hours to end, and status news also for its collapse window. */
function notBeforeOf(trigger: NotificationTrigger, now: Instant, preferences: CustomerPreferences, collapseWindowMs: number): Instant {
  if (trigger.urgent) return now;
  const hold = COLLAPSIBLE_KINDS.has(trigger.kind) ? collapseWindowMs : 0;
  const afterHold = Date.parse(now) + hold;
  const quietEnd = quietHoursEnd(now, preferences.timeZone, preferences.quietHours);
  const at = Math.max(afterHold, quietEnd ? Date.parse(quietEnd) : 0);
  return new Date(at).toISOString();
}
