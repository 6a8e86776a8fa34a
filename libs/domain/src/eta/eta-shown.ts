import type { CalendarDate } from '../shared/event';

export type EtaDates = Readonly<{ expected: CalendarDate; by: CalendarDate; window: { earliest: CalendarDate; latest: CalendarDate } }>;

const latest = (...days: (CalendarDate | undefined)[]): CalendarDate => days.reduce((a, b) => (b && b > a! ? b : a))!;

/**
 * The dates shown for an open order: never before the current day (a parcel still on its way
 * arrives today at the earliest), never before a delay already announced (`floor`), with the
 * window containing the expected day and "by" not before it. The model's own quantiles can
 * break these when a forecast is old or a delay was announced from a partner's word.
 */
export function shownEta<T extends EtaDates>(dates: T, today: CalendarDate, floor?: CalendarDate): T {
  if (dates.window.earliest >= today && (!floor || floor <= dates.expected)) return dates; // the usual case: nothing to correct
  const expected = latest(dates.expected, today, floor);
  const earliest = latest(dates.window.earliest, today);
  return {
    ...dates,
    expected,
    by: latest(dates.by, expected),
    window: { earliest: earliest > expected ? expected : earliest, latest: latest(dates.window.latest, expected) },
  };
}
