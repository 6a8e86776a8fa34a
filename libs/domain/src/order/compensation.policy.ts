import { daysBetween, localDateOf } from '../eta/zoned-time';
import type { CalendarDate } from '../shared/event';

/** What the customer gets: a share of the order's price, or a fixed amount. */
export type Voucher = Readonly<{ kind: 'percent'; percent: number } | { kind: 'fixed'; amount: number; currency: string }>;

/** From this many days late (inclusive), this voucher. */
export type CompensationTier = Readonly<{ fromDaysLate: number; voucher: Voucher }>;

/** The compensation rules ops configure (libs/config validates the file they come from). */
export type CompensationPolicy = Readonly<{ timeZone: string; tiers: readonly CompensationTier[] }>;

/**
 * Whole days past the promised day at `atMs` on the promise's calendar: delivered (or still on the way)
 * the day after the promise is one day late.
 */
export function daysLate(promisedBy: CalendarDate, atMs: number, timeZone: string): number {
  return Math.max(0, daysBetween(promisedBy, localDateOf(atMs, timeZone)));
}

/** The voucher of the highest tier reached, or none below the first tier. */
export function voucherFor(policy: CompensationPolicy, lateDays: number): Voucher | undefined {
  const reached = policy.tiers.filter((t) => lateDays >= t.fromDaysLate);
  return reached.sort((a, b) => a.fromDaysLate - b.fromDaysLate).pop()?.voucher;
}
