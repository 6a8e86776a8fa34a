import { BusinessTime, CALENDAR_TIME, type CalendarDate, type IsBusinessDay, type ModelTime } from '@ot/domain';
import Holidays from 'date-holidays';

/** Holidays on which parcels do not move: public ones and bank ones (Brazil's Carnival Monday and Tuesday). */
const DAYS_OFF = new Set(['public', 'bank']);

/**
 * The business days of a country (ISO 3166 code, e.g. BR): Monday to Friday without its national
 * public and bank holidays, from date-holidays. Years are looked up once, as they are asked for.
 */
export function businessDaysOf(country: string): IsBusinessDay {
  const holidays = new Holidays(country);
  const byYear = new Map<number, Set<CalendarDate>>();
  const daysOff = (year: number): Set<CalendarDate> => {
    let days = byYear.get(year);
    if (!days) {
      const listed = holidays.getHolidays(year) || [];
      byYear.set(year, (days = new Set(listed.filter((h) => DAYS_OFF.has(h.type)).map((h) => h.date.slice(0, 10)))));
    }
    return days;
  };
  return (day) => {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !daysOff(Number(day.slice(0, 4))).has(day);
  };
}

export type EtaDaysSettings = Readonly<{ days: 'business' | 'calendar'; country: string; timeZone: string }>;

/** The time axis the ETA model counts on, from the configuration (ETA_DAYS, ETA_HOLIDAYS_COUNTRY). */
export function etaModelTime(s: EtaDaysSettings): ModelTime {
  if (s.days === 'calendar') return CALENDAR_TIME;
  if (!new Holidays().getCountries()[s.country]) throw new Error(`no holiday calendar for country ${s.country}`);
  return new BusinessTime(businessDaysOf(s.country), s.timeZone);
}
