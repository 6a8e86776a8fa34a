import { NEVER_CAPPED_AFTERCARE_KINDS } from './aftercare.kinds';
import type { Instant } from '../shared/event';
import type { NotificationKind } from './notification.types';

/** One notification already sent (or scheduled) to the customer: what the caps count. */
export type SentNotification = Readonly<{
  notificationId: string;
  orderId: string;
  kind: NotificationKind;
  /** When it was sent, or its notBefore if it is still scheduled. */
  at: Instant;
}>;

export type FrequencyLimits = Readonly<{
  perOrderPerHour: number;
  perOrderPerDay: number;
  perCustomerPerDay: number;
  /**
   * Kinds the caps never hold back: final news, news the customer must act on (be home, collect the
   * parcel), or an apology we owe. They still count, so routine news yields to them, not the other way round.
   */
  priorityKinds: readonly NotificationKind[];
}>;

/** Final and actionable news, and the delay apology: a customer must never miss these. */
export const NEVER_CAPPED_KINDS: readonly NotificationKind[] = [
  'delivered',
  'at-pickup-point',
  'storage-deadline-approaching',
  'delivery-attempt-failed',
  'out-for-delivery',
  'returned',
  'canceled',
  'delay-predicted',
  'promise-broken',
  ...NEVER_CAPPED_AFTERCARE_KINDS,
];

export const DEFAULT_FREQUENCY_LIMITS: FrequencyLimits = {
  perOrderPerHour: 3,
  perOrderPerDay: 6,
  perCustomerPerDay: 10,
  priorityKinds: NEVER_CAPPED_KINDS,
};

export type CapVerdict = { allowed: true } | { allowed: false; exceeded: 'order-per-hour' | 'order-per-day' | 'customer-per-day' };

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Whether one more notification of `kind` for `orderId` fits the caps. Windows are rolling around
 * `now`: "per hour" counts entries with `at` within 1 h of now, "per day" within 24 h (entries scheduled
 * in the window ahead count too: they will go out; a storage reminder days ahead does not). `sent` is the customer's log, all
 * orders; the per-order caps look only at this order's entries.
 * Only informational news (shipped, eta-changed, delay-cleared) can be capped; the policy then folds
 * it into the customer's digest rather than dropping it (see digest.policy).
 */
export function checkFrequencyCaps(
  kind: NotificationKind,
  orderId: string,
  sent: readonly SentNotification[],
  now: Instant,
  limits: FrequencyLimits = DEFAULT_FREQUENCY_LIMITS,
): CapVerdict {
  if (limits.priorityKinds.includes(kind)) return { allowed: true };
  const nowMs = Date.parse(now);
  const since = (windowMs: number) => (s: SentNotification) => Math.abs(Date.parse(s.at) - nowMs) < windowMs;
  const forOrder = sent.filter((s) => s.orderId === orderId);

  if (forOrder.filter(since(HOUR_MS)).length >= limits.perOrderPerHour) return { allowed: false, exceeded: 'order-per-hour' };
  if (forOrder.filter(since(DAY_MS)).length >= limits.perOrderPerDay) return { allowed: false, exceeded: 'order-per-day' };
  if (sent.filter(since(DAY_MS)).length >= limits.perCustomerPerDay) return { allowed: false, exceeded: 'customer-per-day' };
  return { allowed: true };
}
