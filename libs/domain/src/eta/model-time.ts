import type { CalendarDate } from '../shared/event';
import { addDays, daysBetween, epochOfLocal, localDateOf, MS_PER_DAY } from './zoned-time';

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
  /** The day at whose start model time equals epoch time, once fixed (business days); saved with what was learned. */
  origin(): CalendarDate | undefined;
  /** Fixes that day before any instant is asked, as a saved learner was taught (a no-op for calendar days). */
  startAt(day: CalendarDate): void;
}

export const CALENDAR_TIME: ModelTime = { days: 'calendar', toModel: (ms) => ms, fromModel: (ms) => ms, origin: () => undefined, startAt: () => undefined };

/** No day before this one is tabled; earlier instants count as calendar time. */
export const BUSINESS_TIME_FLOOR: CalendarDate = '2000-01-01';
/** No day from this one on is tabled; later instants count as calendar time (a far promise in an old log). */
export const BUSINESS_TIME_CEILING: CalendarDate = '2100-01-01';
// days are tabled a month at a time: a first forecast pays for about a month, not a year
const CHUNK_DAYS = 32;
const CEILING_INDEX = daysBetween(BUSINESS_TIME_FLOOR, BUSINESS_TIME_CEILING);

/**
 * Business time: elapsed time counted only on business days, days cut at local midnight in
 * `timeZone` (a DST day is 23 or 25 hours long). Model time equals epoch time at the midnight that
 * starts the origin day, which is the first day asked unless startAt() fixed it (a restart counts from
 * the origin its saved learner was taught on). The tables of local midnights and of business time
 * accrued by each grow from the origin both ways as instants are asked for, never before
 * BUSINESS_TIME_FLOOR, before which model time is calendar time, nor from BUSINESS_TIME_CEILING on, after which it
 * is calendar time again (shifted to stay continuous), so the map stays monotone and no instant tables years of days.
 */
export class BusinessTime implements ModelTime {
  readonly days = 'business';
  private readonly floorMs: number;
  private readonly ceilingMs: number;
  private first: CalendarDate | undefined;
  /** Days from the floor to the day of midnight[0]. */
  private base = 0;
  /** midnight[j]: epoch ms at which local day floor + base + j begins; accrued[j]: model ms at that instant. */
  private midnight: Float64Array = new Float64Array(0);
  private accrued: Float64Array = new Float64Array(0);
  private count = 0;

  constructor(
    private readonly isBusinessDay: IsBusinessDay,
    private readonly timeZone: string,
  ) {
    this.floorMs = epochOfLocal(BUSINESS_TIME_FLOOR, timeZone);
    this.ceilingMs = epochOfLocal(BUSINESS_TIME_CEILING, timeZone);
  }

  origin(): CalendarDate | undefined {
    return this.first;
  }

  /** Counts from `day` (model time = epoch time at its midnight); only before any instant was asked, or the same day. */
  startAt(day: CalendarDate): void {
    const index = Math.min(CEILING_INDEX, Math.max(0, daysBetween(BUSINESS_TIME_FLOOR, day)));
    const origin = addDays(BUSINESS_TIME_FLOOR, index);
    if (this.first === origin) return;
    if (this.first !== undefined) throw new Error(`business time already counts from ${this.first}, not ${origin}`);
    this.first = origin;
    this.base = index;
    this.midnight = Float64Array.of(epochOfLocal(this.first, this.timeZone));
    this.accrued = Float64Array.of(this.midnight[0]);
    this.count = 1;
  }

  toModel(epochMs: number): number {
    if (Number.isNaN(epochMs)) return epochMs;
    if (this.first === undefined) this.startAt(localDateOf(Math.max(epochMs, this.floorMs), this.timeZone));
    if (!(epochMs > this.floorMs)) return epochMs - this.floorShift();
    if (epochMs >= this.ceilingMs) return epochMs - this.ceilingMs + this.ceilingModel();
    const j = this.dayIndexOf(epochMs);
    const businessDay = this.accrued[j + 1] > this.accrued[j];
    return this.accrued[j] + (businessDay ? epochMs - this.midnight[j] : 0);
  }

  fromModel(modelMs: number): number {
    if (Number.isNaN(modelMs)) return modelMs;
    if (this.first === undefined) this.startAt(localDateOf(Math.max(modelMs, this.floorMs), this.timeZone));
    while (this.base > 0 && this.accrued[0] > modelMs) this.growBack();
    if (this.base === 0 && !(modelMs > this.accrued[0])) return modelMs + this.floorShift();
    while (this.accrued[this.count - 1] <= modelMs && this.base + this.count <= CEILING_INDEX) this.growOn();
    if (this.base + this.count > CEILING_INDEX && modelMs >= this.ceilingModel()) return modelMs - this.ceilingModel() + this.ceilingMs;
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

  /** Epoch minus model time at the floor: what calendar time before it is shifted by, so the map stays continuous. */
  private floorShift(): number {
    while (this.base > 0) this.growBack();
    return this.floorMs - this.accrued[0];
  }

  /** Model time at the ceiling's midnight (the tables grown to it). */
  private ceilingModel(): number {
    if (this.base + this.count <= CEILING_INDEX) this.growOn(CEILING_INDEX + 1 - this.base - this.count); // at once: no copy per month
    return this.accrued[CEILING_INDEX - this.base];
  }

  /** The table index of the local day an instant after the floor falls on (the tables then reach the next day). */
  private dayIndexOf(epochMs: number): number {
    const day = Math.floor((epochMs - this.floorMs) / MS_PER_DAY);
    while (this.base > 0 && (day < this.base || (day === this.base && this.midnight[0] > epochMs))) this.growBack();
    while (day + 2 >= this.base + this.count) this.growOn();
    let j = day - this.base;
    while (j > 0 && this.midnight[j] > epochMs) j--; // a DST hour either way
    while (this.midnight[j + 1] <= epochMs) j++;
    return j;
  }

  /** A month (or `days`) more of days after the last one tabled. */
  private growOn(days = CHUNK_DAYS): void {
    const n = this.count + days;
    const midnight = new Float64Array(n);
    const accrued = new Float64Array(n);
    midnight.set(this.midnight.subarray(0, this.count));
    accrued.set(this.accrued.subarray(0, this.count));
    for (let j = this.count; j < n; j++) {
      midnight[j] = epochOfLocal(addDays(BUSINESS_TIME_FLOOR, this.base + j), this.timeZone);
      const prior = addDays(BUSINESS_TIME_FLOOR, this.base + j - 1);
      accrued[j] = accrued[j - 1] + (this.isBusinessDay(prior) ? midnight[j] - midnight[j - 1] : 0);
    }
    this.replace(midnight, accrued, this.base, n);
  }

  /** Up to a month more of days before the first one tabled, down to the floor. */
  private growBack(): void {
    const k = Math.min(CHUNK_DAYS, this.base);
    const n = this.count + k;
    const midnight = new Float64Array(n);
    const accrued = new Float64Array(n);
    midnight.set(this.midnight.subarray(0, this.count), k);
    accrued.set(this.accrued.subarray(0, this.count), k);
    for (let j = k - 1; j >= 0; j--) {
      const day = addDays(BUSINESS_TIME_FLOOR, this.base - k + j);
      midnight[j] = epochOfLocal(day, this.timeZone);
      accrued[j] = accrued[j + 1] - (this.isBusinessDay(day) ? midnight[j + 1] - midnight[j] : 0);
    }
    this.replace(midnight, accrued, this.base - k, n);
  }

  private replace(midnight: Float64Array, accrued: Float64Array, base: number, count: number): void {
    this.midnight = midnight;
    this.accrued = accrued;
    this.base = base;
    this.count = count;
  }
}

/** Monday to Friday, except the given holidays: the calendar of a place without a holiday library. */
export function weekdaysExcept(holidays: ReadonlySet<CalendarDate>): IsBusinessDay {
  return (day) => {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !holidays.has(day);
  };
}
