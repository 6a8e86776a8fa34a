import type { CalendarDate } from '@ot/domain';

/**
 * The calendar dates a message names, read as the customer reads them: "Monday, October 2",
 * "October 2, 2017", "2 October 2017", ISO dates in the text, and ISO dates or instants in the
 * push `data`. A date without a year is read in the year that fits its weekday nearest the send
 * day (the weekday tells a reader which year is meant); without a weekday, in the send day's year.
 */
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTH = `(${MONTHS.join('|')})`;
const WEEKDAY = `(?:(${WEEKDAYS.join('|')}),?\\s+)?`;
const YEAR = `(?:,?\\s+(\\d{4})(?!\\d))?`;
// "Monday, October 2[, 2017]" or "Monday, 2 October [2017]"
const WORDED = new RegExp(`${WEEKDAY}(?:${MONTH}\\s+(\\d{1,2})(?!\\d)|(\\d{1,2})\\s+${MONTH})${YEAR}`, 'gi');
const ISO_IN_TEXT = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g;
const ISO_VALUE = /^(\d{4})-(\d{2})-(\d{2})(T.*)?$/;

const iso = (y: number, m: number, d: number): CalendarDate => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const isRealDate = (y: number, m: number, d: number): boolean => m >= 1 && m <= 12 && d >= 1 && new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;

function yearFor(month: number, day: number, weekday: number | undefined, sendDay: CalendarDate): number {
  const sendYear = Number(sendDay.slice(0, 4));
  if (weekday === undefined) return sendYear;
  const sendMs = Date.parse(`${sendDay}T00:00:00Z`);
  const fitting = [sendYear - 1, sendYear, sendYear + 1]
    .filter((y) => isRealDate(y, month, day) && new Date(Date.UTC(y, month - 1, day)).getUTCDay() === weekday)
    .sort((a, b) => Math.abs(Date.UTC(a, month - 1, day) - sendMs) - Math.abs(Date.UTC(b, month - 1, day) - sendMs));
  return fitting[0] ?? sendYear;
}

/** Dates named in a message's words. */
export function datesInText(text: string, sendDay: CalendarDate): CalendarDate[] {
  const found: CalendarDate[] = [];
  for (const m of text.matchAll(WORDED)) {
    const [, weekdayWord, monthA, dayA, dayB, monthB, yearWord] = m;
    const month = MONTHS.indexOf((monthA ?? monthB).toLowerCase()) + 1;
    const day = Number(dayA ?? dayB);
    const weekday = weekdayWord ? WEEKDAYS.indexOf(weekdayWord.toLowerCase()) : undefined;
    const year = yearWord ? Number(yearWord) : yearFor(month, day, weekday, sendDay);
    if (isRealDate(year, month, day)) found.push(iso(year, month, day));
  }
  for (const [, y, m, d] of text.matchAll(ISO_IN_TEXT)) if (isRealDate(+y, +m, +d)) found.push(iso(+y, +m, +d));
  return found;
}

/**
 * Dates in the push `data` (string values that are ISO dates or instants). An instant is read
 * as the day it falls on in the customer's zone, through `dayOf`.
 */
export function datesInData(data: Readonly<Record<string, unknown>>, dayOf: (epochMs: number) => CalendarDate): CalendarDate[] {
  const found: CalendarDate[] = [];
  for (const value of Object.values(data)) {
    if (typeof value !== 'string') continue;
    const m = ISO_VALUE.exec(value);
    if (!m) continue;
    if (!m[4]) {
      if (isRealDate(+m[1], +m[2], +m[3])) found.push(iso(+m[1], +m[2], +m[3]));
      continue;
    }
    const at = Date.parse(value);
    if (!Number.isNaN(at)) found.push(dayOf(at));
  }
  return found;
}
