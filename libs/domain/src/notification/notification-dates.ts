import type { CalendarDate, Instant } from '../shared/event';
import { wallPartsAt } from '../shared/zone-offset';
import type { PluralForms } from './notification-wording';

/** The year on the customer's calendar at an instant: dates in another year carry theirs. */
export function yearAt(instant: Instant, timeZone: string): number {
  return wallPartsAt(Date.parse(instant), timeZone).year;
}

/**
 * A calendar date has no zone: it is the same day everywhere, so it is formatted in UTC.
 * Russian drops the weekday: "до 30 ноября" reads right, "до понедельник, 30 ноября" does not.
 */
export function formatDay(date: CalendarDate, locale: string, currentYear: number): string {
  return dayFormat(locale, date.slice(0, 4) !== String(currentYear)).format(utcDay(date));
}

/** A window of days, ranges collapsed the language's way: "3–5 декабря", "Thursday, December 3 – Saturday, December 5". */
export function formatDays(earliest: CalendarDate, latest: CalendarDate, locale: string, currentYear: number): string {
  if (earliest === latest) return formatDay(earliest, locale, currentYear);
  const withYear = earliest.slice(0, 4) !== String(currentYear) || latest.slice(0, 4) !== String(currentYear);
  return dayFormat(locale, withYear).formatRange(utcDay(earliest), utcDay(latest));
}

export function formatInstant(instant: Instant, locale: string, timeZone: string, currentYear: number): string {
  const withYear = yearAt(instant, timeZone) !== currentYear;
  return formatter(
    `instant|${locale}|${timeZone}|${withYear}`,
    () =>
      new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: withYear ? 'numeric' : undefined, hour: 'numeric', minute: '2-digit', timeZone }),
  ).format(new Date(instant));
}

/** "1 день", "3 дня", "5 дней", "21 день"; "1 day", "2 days": the noun in the language's plural category for n. */
export function formatCount(n: number, locale: string, forms: PluralForms): string {
  const category = plural(locale).select(n);
  return `${n} ${forms[category] ?? forms.other}`;
}

/** "a, b or c" / "a, b или c". */
export function formatAlternatives(items: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { type: 'disjunction' }).format(items);
}

const utcDay = (date: CalendarDate): Date => new Date(`${date}T00:00:00Z`);

function dayFormat(locale: string, withYear: boolean): Intl.DateTimeFormat {
  const weekday = locale === 'ru' ? undefined : 'long';
  return formatter(
    `day|${locale}|${withYear}`,
    () => new Intl.DateTimeFormat(locale, { weekday, day: 'numeric', month: 'long', year: withYear ? 'numeric' : undefined, timeZone: 'UTC' }),
  );
}

const PLURALS = new Map<string, Intl.PluralRules>();
function plural(locale: string): Intl.PluralRules {
  let rules = PLURALS.get(locale);
  if (!rules) PLURALS.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules;
}

/** Formatters are immutable and costly to build: one per locale, zone and year display. */
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = FORMATTERS.get(key);
  if (!f) FORMATTERS.set(key, (f = make()));
  return f;
}
