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

export type StorageReminderInput = Readonly<{
  /** status must be the order's current one: a parcel already picked up or returned gets no reminder. */
  order: OrderContext & { status: Milestone };
  pickupPoint: PickupPoint;
  preferences: CustomerPreferences;
  sent: readonly SentNotification[];
  now: Instant;
  leadMs?: number;
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
  const { order, pickupPoint, now } = input;
  const nowMs = Date.parse(now);
  const deadlineMs = Date.parse(pickupPoint.storageDeadline);
  if (order.status !== 'ArrivedAtPickupPoint') return NO_NOTIFICATION;
  if (nowMs < Date.parse(storageReminderAt(pickupPoint.storageDeadline, input.leadMs)) || nowMs >= deadlineMs) return NO_NOTIFICATION;

  const trigger = {
    kind: 'storage-deadline-approaching' as const,
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
 * Scheduled when the parcel reaches the pickup point: the check decided as of its reminder time, queued
 * until then. A collection, return or new deadline before that makes it stale (staleOnEvent), so it is
 * only sent when the Clock reaches it with the parcel still waiting. None when the reminder time has
 * already passed: the arrival message itself says until when.
 */
export function scheduleStorageReminder(input: Omit<StorageReminderInput, 'order'> & { order: OrderContext }): NotificationOutcome {
  const at = storageReminderAt(input.pickupPoint.storageDeadline, input.leadMs);
  if (Date.parse(at) <= Date.parse(input.now)) return NO_NOTIFICATION;
  return decideStorageReminder({ ...input, order: { ...input.order, status: 'ArrivedAtPickupPoint' }, now: at });
}
