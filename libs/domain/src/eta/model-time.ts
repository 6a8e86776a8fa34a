import type { CalendarDate } from '../shared/event';
import { addDays, epochOfLocal, MS_PER_DAY } from './zoned-time';

/** Whether parcels move on a calendar day at the customer's place (not a weekend, not a holiday). */
export type IsBusinessDay = (day: CalendarDate) => boolean;

/**
 * The time axis the ETA model counts durations on. On business days a weekend or a holiday adds
 * nothing to a stage: a parcel handed over on Friday evening and delivered on Tuesday took two
 * business days, the same as one handed over on Monday and delivered on Wednesday. The learner
 * only sees model instants; forecasts are turned back into calendar instants with fromModel.
 */
export interface ModelTime {
  readonly days: 'business' | 'calendar';
  /** Monotone (never decreasing) map from epoch ms to model ms. */
  toModel(epochMs: number): number;
  /** The first instant of a business day at which model time reaches `modelMs` (a weekend boundary lands on Monday 00:00). */
  fromModel(modelMs: number): number;
}

export const CALENDAR_TIME: ModelTime = { days: 'calendar', toModel: (ms) => ms, fromModel: (ms) => ms };

/** Days are worked out a year at a time from this local day; before it model time is calendar time. */
const ANCHOR_DAY = '2000-01-01';
const CHUNK_DAYS = 366;

/**
 * Business time: elapsed time counted only on business days, days cut at local midnight in
 * `timeZone` (a DST day is 23 or 25 hours long). Before ANCHOR_DAY it is calendar time, so the map
 * stays monotone for any instant. Tables of local midnights and of business time accrued by
 * each are grown as later instants are asked for.
 */
export class BusinessTime implements ModelTime {
  readonly days = 'business';
  private readonly anchorMs: number;
  /** midnight[i]: epoch ms at which local day ANCHOR_DAY + i begins; accrued[i]: model ms at that instant. */
  private midnight = new Float64Array(0);
  private accrued = new Float64Array(0);
  private count = 0;

  constructor(
    private readonly isBusinessDay: IsBusinessDay,
    private readonly timeZone: string,
  ) {
    this.anchorMs = epochOfLocal(ANCHOR_DAY, timeZone);
  }

  toModel(epochMs: number): number {
    if (!(epochMs > this.anchorMs)) return epochMs;
    const i = this.dayIndexOf(epochMs);
    const businessDay = this.accrued[i + 1] > this.accrued[i];
    return this.accrued[i] + (businessDay ? epochMs - this.midnight[i] : 0);
  }

  fromModel(modelMs: number): number {
    if (!(modelMs > this.anchorMs)) return modelMs;
    while (this.accrued[this.count - 1] <= modelMs || this.count === 0) this.grow();
    // the last day whose start has accrued at most modelMs: a business day, as a weekend's days accrue nothing
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.accrued[mid] <= modelMs) lo = mid;
      else hi = mid - 1;
    }
    return this.midnight[lo] + (modelMs - this.accrued[lo]);
  }

  /** The local day an instant after the anchor falls on, as an index into the tables (which then reach the next day). */
  private dayIndexOf(epochMs: number): number {
    let i = Math.floor((epochMs - this.anchorMs) / MS_PER_DAY);
    while (i + 2 >= this.count) this.grow();
    while (i > 0 && this.midnight[i] > epochMs) i--; // a DST hour either way
    while (this.midnight[i + 1] <= epochMs) i++;
    return i;
  }

  private grow(): void {
    const n = this.count + CHUNK_DAYS;
    const midnight = new Float64Array(n);
    const accrued = new Float64Array(n);
    midnight.set(this.midnight);
    accrued.set(this.accrued);
    if (this.count === 0) {
      midnight[0] = this.anchorMs;
      accrued[0] = this.anchorMs;
    }
    for (let i = Math.max(1, this.count); i < n; i++) {
      midnight[i] = epochOfLocal(addDays(ANCHOR_DAY, i), this.timeZone);
      const prior = addDays(ANCHOR_DAY, i - 1);
      accrued[i] = accrued[i - 1] + (this.isBusinessDay(prior) ? midnight[i] - midnight[i - 1] : 0);
    }
    this.midnight = midnight;
    this.accrued = accrued;
    this.count = n;
  }
}

/** Monday to Friday, except the given holidays: the calendar of a place without a holiday library. */
export function weekdaysExcept(holidays: ReadonlySet<CalendarDate>): IsBusinessDay {
  return (day) => {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !holidays.has(day);
  };
}
