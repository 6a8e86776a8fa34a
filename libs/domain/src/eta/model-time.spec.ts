import { BusinessTime, CALENDAR_TIME, weekdaysExcept } from './model-time';
import { epochOfLocal, MS_PER_DAY } from './zoned-time';

const TZ = 'America/Sao_Paulo';
const at = (local: string): number => epochOfLocal(local, TZ);
const business = (holidays: string[] = []): BusinessTime => new BusinessTime(weekdaysExcept(new Set(holidays)), TZ);

describe('model time', () => {
  it('calendar time is the identity', () => {
    expect(CALENDAR_TIME.toModel(123)).toBe(123);
    expect(CALENDAR_TIME.fromModel(456)).toBe(456);
  });

  it('a weekend adds nothing: Friday 18:00 to Tuesday 18:00 is two business days', () => {
    const t = business();
    // 2017-06-09 is a Friday
    expect(t.toModel(at('2017-06-13T18:00:00')) - t.toModel(at('2017-06-09T18:00:00'))).toBe(2 * MS_PER_DAY);
    expect(t.toModel(at('2017-06-10T09:00:00'))).toBe(t.toModel(at('2017-06-11T23:00:00'))); // Saturday = Sunday
  });

  it('a holiday adds nothing either', () => {
    const t = business(['2017-06-15']);
    expect(t.toModel(at('2017-06-16T12:00:00')) - t.toModel(at('2017-06-14T12:00:00'))).toBe(MS_PER_DAY);
  });

  it('a DST day is as long as it is (2017-10-15 had 23 hours in Sao Paulo)', () => {
    const t = business();
    expect(t.toModel(at('2017-10-17T00:00:00')) - t.toModel(at('2017-10-16T00:00:00'))).toBe(MS_PER_DAY);
    expect(t.toModel(at('2017-10-16T00:00:00'))).toBe(t.toModel(at('2017-10-15T12:00:00'))); // a Sunday
  });

  it('fromModel inverts toModel on business days and lands a weekend boundary on Monday 00:00', () => {
    const t = business();
    for (const local of ['2017-06-09T18:00:00', '2017-06-12T00:30:00', '2017-10-16T08:00:00', '2018-02-28T23:59:00']) {
      expect(t.fromModel(t.toModel(at(local)))).toBe(at(local));
    }
    expect(t.fromModel(t.toModel(at('2017-06-10T09:00:00')))).toBe(at('2017-06-12'));
  });

  it('is monotone and calendar time before its anchor', () => {
    const t = business();
    expect(t.toModel(0)).toBe(0);
    let last = -Infinity;
    for (let ms = at('2017-01-01'); ms < at('2017-03-01'); ms += 3_600_000 * 7) {
      const m = t.toModel(ms);
      expect(m).toBeGreaterThanOrEqual(last);
      last = m;
    }
  });
});
