import { BUSINESS_TIME_CEILING, BUSINESS_TIME_FLOOR, BusinessTime, CALENDAR_TIME, weekdaysExcept } from './model-time';
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

  it('tables only the days around the first one asked, then grows both ways as earlier and later ones are asked', () => {
    const asked: string[] = [];
    const weekdays = weekdaysExcept(new Set(['2017-06-15']));
    const t = new BusinessTime((day) => (asked.push(day), weekdays(day)), TZ);
    t.toModel(at('2017-06-14T12:00:00'));
    expect(t.origin()).toBe('2017-06-14');
    expect(asked.length).toBeLessThan(100); // not every day since the floor (6,400 of them)
    expect(asked.every((day) => day >= '2017-06-14')).toBe(true);
    t.toModel(at('2016-01-04T12:00:00'));
    expect(asked.some((day) => day < '2016-01-04')).toBe(true);
    expect(asked.every((day) => day >= '2015-01-01')).toBe(true);
  });

  it('counts the same durations whatever the origin, on either side of it', () => {
    const fromFloor = business(['2017-06-15']);
    fromFloor.startAt(BUSINESS_TIME_FLOOR);
    const fromFirstAsked = business(['2017-06-15']);
    fromFirstAsked.toModel(at('2017-06-14T12:00:00'));
    const instants = ['2016-02-29T10:00:00', '2017-06-09T18:00:00', '2017-06-16T12:00:00', '2017-10-16T08:00:00', '2018-03-01T23:59:00'].map(at);
    for (const a of instants) {
      for (const b of instants) {
        expect(fromFirstAsked.toModel(b) - fromFirstAsked.toModel(a)).toBe(fromFloor.toModel(b) - fromFloor.toModel(a));
      }
      expect(fromFirstAsked.fromModel(fromFirstAsked.toModel(a))).toBe(fromFloor.fromModel(fromFloor.toModel(a)));
    }
  });

  it('counts from the floor exactly as before the origin was kept, and model time is epoch time at the origin', () => {
    const t = business();
    t.startAt(BUSINESS_TIME_FLOOR);
    expect(t.toModel(at(BUSINESS_TIME_FLOOR))).toBe(at(BUSINESS_TIME_FLOOR));
    expect(t.toModel(at('1999-12-31T12:00:00'))).toBe(at('1999-12-31T12:00:00'));
    const later = business();
    later.startAt('2017-06-12');
    expect(later.toModel(at('2017-06-12T08:00:00'))).toBe(at('2017-06-12T08:00:00'));
    expect(later.toModel(0)).toBeLessThan(later.toModel(at('2000-01-03'))); // still monotone across the floor
  });

  it('keeps its origin: a restored learner cannot be counted from another day', () => {
    const t = business();
    t.toModel(at('2017-06-14T12:00:00'));
    expect(() => t.startAt('2017-06-14')).not.toThrow();
    expect(() => t.startAt('2017-06-13')).toThrow(/2017-06-14/);
  });

  it('tables no day past the ceiling: a far promise counts calendar time beyond it instead of freezing the service', () => {
    const weekdays = weekdaysExcept(new Set());
    const t = new BusinessTime((day) => {
      if (day > '2100-03-01') throw new Error(`tabled ${day}`);
      return weekdays(day);
    }, TZ);
    t.toModel(at('2026-12-02T12:00:00'));
    const far = at('9999-12-31T12:00:00');
    expect(t.toModel(far + MS_PER_DAY) - t.toModel(far)).toBe(MS_PER_DAY); // a weekend counts, as before the floor
    expect(t.fromModel(t.toModel(far))).toBe(far);
    const ceiling = at(BUSINESS_TIME_CEILING);
    expect(t.toModel(ceiling - 1)).toBeLessThan(t.toModel(ceiling)); // monotone and continuous across it
    expect(t.toModel(ceiling) - t.toModel(ceiling - 1)).toBeLessThanOrEqual(1);
    expect(t.toModel(at('2099-06-01T12:00:00'))).toBeLessThan(t.toModel(ceiling));
    expect(t.fromModel(t.toModel(at('2099-06-01T12:00:00')))).toBe(at('2099-06-01T12:00:00'));
    expect(t.fromModel(t.toModel(ceiling) + 5 * MS_PER_DAY)).toBe(ceiling + 5 * MS_PER_DAY);
  });
});
