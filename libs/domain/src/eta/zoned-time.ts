import type { CalendarDate, Instant } from '../shared/event';
import { zoneOffsetMs as offsetMs } from '../shared/zone-offset';

/**
 * Calendar arithmetic in a named time zone, from the IANA data built into the runtime (Intl).
 * Promises are calendar days at the customer's place, and Brazil changed its offset with DST
 * in 2016-2018, so a fixed offset would misplace deliveries near midnight.
 */
const DAY_MS = 86_400_000;

/** The calendar day an instant falls on in `timeZone`. */
export function localDateOf(epochMs: number, timeZone: string): CalendarDate {
  const day = Math.floor((epochMs + offsetMs(epochMs, timeZone)) / DAY_MS);
  let text = DAY_TEXT.get(day);
  if (text === undefined) {
    if (DAY_TEXT.size >= 20_000) DAY_TEXT.clear();
    DAY_TEXT.set(day, (text = new Date(day * DAY_MS).toISOString().slice(0, 10)));
  }
  return text;
}
/** "YYYY-MM-DD" per day number: a forecast names five days, a tick a million forecasts. */
const DAY_TEXT = new Map<number, CalendarDate>();

/**
 * Wall time without offset ("2017-10-02T10:56:33") in `timeZone` to epoch ms. Ambiguous wall
 * times (clocks set back) take the earlier instant; wall times in a DST gap (Brazil's clocks
 * jumped from 00:00 to 01:00) resolve forward, so "midnight" of such a day is 01:00.
 */
export function epochOfLocal(localDateTime: string, timeZone: string): number {
  const wall = Date.parse(`${localDateTime.length === 10 ? `${localDateTime}T00:00:00` : localDateTime}Z`);
  if (Number.isNaN(wall)) throw new RangeError(`not a local date-time: ${localDateTime}`);
  const before = offsetMs(wall - 43_200_000, timeZone);
  const after = offsetMs(wall + 43_200_000, timeZone);
  const candidates = [wall - before, wall - after].filter((t) => t + offsetMs(t, timeZone) === wall);
  return candidates.length ? Math.min(...candidates) : wall - before;
}

/** ISO-8601 with the zone's offset, e.g. 2017-10-02T10:56:33-03:00: what partners send. */
export function toOffsetIso(epochMs: number, timeZone: string): Instant {
  const off = offsetMs(epochMs, timeZone);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off) / 60_000;
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${new Date(epochMs + off).toISOString().slice(0, 19)}${sign}${hh}:${mm}`;
}

/** The last millisecond of `date` in `timeZone`: a promise for that day is broken after it. */
export function endOfLocalDay(date: CalendarDate, timeZone: string): number {
  let ends = DAY_ENDS.get(timeZone);
  if (!ends) DAY_ENDS.set(timeZone, (ends = new Map()));
  let end = ends.get(date);
  if (end === undefined) {
    if (ends.size >= 20_000) ends.clear();
    ends.set(date, (end = epochOfLocal(addDays(date, 1), timeZone) - 1));
  }
  return end;
}
/** Per zone and day: each placement forecast and each judgement of an order reads its promised day's end, a few hundred days in all. */
const DAY_ENDS = new Map<string, Map<CalendarDate, number>>();

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

export const MS_PER_DAY = DAY_MS;
