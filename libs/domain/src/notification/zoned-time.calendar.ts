import { wallPartsAt, zoneOffsetMs } from '../shared/zone-offset';

/**
 * Wall-clock arithmetic in an IANA time zone with nothing but Intl.DateTimeFormat, so the domain
 * needs no date library. Instants are epoch milliseconds; a wall time is what a clock on the
 * customer's wall shows.
 */
export type WallTime = Readonly<{ year: number; month: number; day: number; hour: number; minute: number }>;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The wall time at an instant, e.g. 2026-03-08T07:30Z in America/New_York is 03:30. */
export function wallTimeAt(epochMs: number, timeZone: string): WallTime {
  const { year, month, day, hour, minute } = wallPartsAt(epochMs, timeZone);
  return { year, month, day, hour, minute };
}

/**
 * Every instant at which the zone's clocks show `wall`, earliest first:
 * - usually one;
 * - two in the autumn overlap (01:30 happens twice when clocks go back);
 * - none really exist in the spring gap (02:30 when clocks jump 02:00 -> 03:00): we then return the
 *   one instant read with the offset before the jump (02:30 EST = 03:30 EDT), as Temporal's
 *   'compatible' disambiguation does, so a deadline in the gap moves forward by the gap, never back.
 */
export function instantsOfWallTime(wall: WallTime, timeZone: string): number[] {
  const local = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // No zone changes its offset twice within two days, so the offsets a day either side bound the answer.
  const before = zoneOffsetMs(local - DAY_MS, timeZone);
  const after = zoneOffsetMs(local + DAY_MS, timeZone);
  const valid = [...new Set([before, after])]
    .map((offset) => local - offset)
    .filter((t) => zoneOffsetMs(t, timeZone) === local - t)
    .sort((a, b) => a - b);
  return valid.length ? valid : [local - before];
}

/** The calendar day after the given one (months and years roll over). */
export function nextDay(wall: WallTime): WallTime {
  const d = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + 1));
  return { ...wall, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The customer's calendar day at an instant, as YYYY-MM-DD (compares with a CalendarDate as a string). */
export function localDayOf(epochMs: number, timeZone: string): string {
  const { year, month, day } = wallPartsAt(epochMs, timeZone);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
