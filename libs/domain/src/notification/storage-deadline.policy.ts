import { epochOfLocal, localDateOf } from '../eta/zoned-time';
import type { Instant } from '../shared/event';
import type { Milestone } from '../order/milestone';
import type { PickupPoint } from '../order/order.events';
import { NO_NOTIFICATION, schedule, type NotificationOutcome, type NotificationPolicyOptions } from './notification.policy';
import type { SentNotification } from './frequency-cap.policy';
import type { OrderContext } from './notification.triggers';
import type { CustomerPreferences } from './notification.types';

/** Remind a day before the parcel goes back: enough time to get to the pickup point. */
export const DEFAULT_STORAGE_REMINDER_LEAD_MS = 24 * 3_600_000;

/** When to remind about a parcel waiting at a pickup point: the notifier schedules a check for this instant. */
export function storageReminderAt(storageDeadline: Instant, leadMs = DEFAULT_STORAGE_REMINDER_LEAD_MS): Instant {
  return new Date(Date.parse(storageDeadline) - leadMs).toISOString();
}

/** The morning hour of the last day's reminder, in the customer's zone. */
export const LAST_DAY_REMINDER_HOUR = 9;
const HOUR_MS = 3_600_000;

/**
 * The last day's reminder: 09:00 on the deadline's day where the customer is, and at least an hour
 * before the deadline (a deadline at 08:00 is reminded of at 07:00), so it can still be acted on.
 */
export function lastDayReminderAt(storageDeadline: Instant, timeZone: string): Instant {
  const deadlineMs = Date.parse(storageDeadline);
  const morning = epochOfLocal(`${localDateOf(deadlineMs, timeZone)}T${String(LAST_DAY_REMINDER_HOUR).padStart(2, '0')}:00:00`, timeZone);
  return new Date(Math.min(morning, deadlineMs - HOUR_MS)).toISOString();
}

export type StorageReminderKind = 'storage-deadline-approaching' | 'storage-last-day';
export const STORAGE_REMINDER_KINDS: ReadonlySet<string> = new Set<StorageReminderKind>(['storage-deadline-approaching', 'storage-last-day']);

function reminderAt(kind: StorageReminderKind, deadline: Instant, timeZone: string, leadMs?: number): Instant {
  return kind === 'storage-last-day' ? lastDayReminderAt(deadline, timeZone) : storageReminderAt(deadline, leadMs);
}

export type StorageReminderInput = Readonly<{
  /** status must be the order's current one: a parcel already picked up or returned gets no reminder. */
  order: OrderContext & { status: Milestone };
  pickupPoint: PickupPoint;
  preferences: CustomerPreferences;
  sent: readonly SentNotification[];
  now: Instant;
  leadMs?: number;
  /** The day before (default) or the last day. */
  kind?: StorageReminderKind;
  options?: Partial<NotificationPolicyOptions>;
}>;

/**
 * The time-driven check, run at (or any time after) storageReminderAt: remind once if the parcel is
 * still waiting and the deadline has not passed. The reminder's identity is the deadline itself, so
 * an extended deadline earns a new reminder and re-running the check never sends twice.
 * Quiet hours apply; if they would end after the deadline, the reminder goes now instead, because a
 * reminder that arrives after the parcel left is useless.
 */
export function decideStorageReminder(input: StorageReminderInput): NotificationOutcome {
  const { order, pickupPoint, now, kind = 'storage-deadline-approaching' } = input;
  const nowMs = Date.parse(now);
  const deadlineMs = Date.parse(pickupPoint.storageDeadline);
  if (order.status !== 'ArrivedAtPickupPoint') return NO_NOTIFICATION;
  const dueAt = reminderAt(kind, pickupPoint.storageDeadline, input.preferences.timeZone, input.leadMs);
  if (nowMs < Date.parse(dueAt) || nowMs >= deadlineMs) return NO_NOTIFICATION;

  const trigger = {
    kind,
    urgent: false,
    facts: {
      orderId: order.orderId,
      status: order.status,
      pickupPoint: { address: pickupPoint.address, storageDeadline: pickupPoint.storageDeadline },
    },
  };
  const outcome = schedule(trigger, `${pickupPoint.pointId}@${pickupPoint.storageDeadline}`, input);
  return { ...outcome, sends: outcome.sends.map((n) => (Date.parse(n.notBefore) >= deadlineMs ? { ...n, notBefore: now } : n)) };
}

/**
 * Scheduled when the parcel reaches the pickup point (or its deadline is extended): each check decided
 * as of its reminder time, queued until then. A collection, return or new deadline before that makes it
 * stale (staleOnEvent), so it is only sent when the Clock reaches it with the parcel still waiting. None
 * for a reminder time already passed: the arrival (or extension) message itself says until when.
 */
export function scheduleStorageReminder(input: Omit<StorageReminderInput, 'order' | 'kind'> & { order: OrderContext }): NotificationOutcome {
  const outcomes = [...STORAGE_REMINDER_KINDS].map((kind) => {
    const at = reminderAt(kind as StorageReminderKind, input.pickupPoint.storageDeadline, input.preferences.timeZone, input.leadMs);
    if (Date.parse(at) <= Date.parse(input.now)) return NO_NOTIFICATION;
    return decideStorageReminder({ ...input, kind: kind as StorageReminderKind, order: { ...input.order, status: 'ArrivedAtPickupPoint' }, now: at });
  });
  return { sends: outcomes.flatMap((o) => o.sends), unsent: outcomes.flatMap((o) => o.unsent) };
}
