import { CALENDAR_TIME } from '@ot/domain';
import { businessDaysOf, etaModelTime } from './holiday.calendar';

describe('businessDaysOf (date-holidays)', () => {
  const br = businessDaysOf('BR');

  it('a plain Brazilian weekday is a business day, a weekend is not', () => {
    expect(br('2017-06-13')).toBe(true); // Tuesday
    expect(br('2017-06-10')).toBe(false); // Saturday
    expect(br('2017-06-11')).toBe(false); // Sunday
  });

  it("national public holidays and Carnival's bank holidays are days off", () => {
    expect(br('2017-09-07')).toBe(false); // Independence day, a Thursday
    expect(br('2017-11-15')).toBe(false); // Republic day
    expect(br('2018-02-13')).toBe(false); // Carnival Tuesday
    expect(br('2017-06-14')).toBe(true);
  });

  it('builds business time for a configured country, calendar time otherwise', () => {
    expect(etaModelTime({ days: 'calendar', country: 'BR', timeZone: 'America/Sao_Paulo' })).toBe(CALENDAR_TIME);
    expect(etaModelTime({ days: 'business', country: 'BR', timeZone: 'America/Sao_Paulo' }).days).toBe('business');
    expect(() => etaModelTime({ days: 'business', country: 'XX', timeZone: 'America/Sao_Paulo' })).toThrow(/XX/);
  });
});
