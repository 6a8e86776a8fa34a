import { quietHoursEnd } from './quiet-hours.policy';

/** given a customer's quiet hours in a zone, when something happens at `now`, then quiet hours end at ... */
const given = (timeZone: string, start: string, end: string) => ({
  when: (now: string) => ({ then: (expected: string | undefined) => expect(quietHoursEnd(now, timeZone, { start, end })).toBe(expected) }),
});

describe('quiet hours', () => {
  describe('a window that wraps midnight (22:00..08:00, Moscow, UTC+3, no DST)', () => {
    const moscow = given('Europe/Moscow', '22:00', '08:00');

    it('before midnight, ends tomorrow at 08:00 local', () => {
      moscow.when('2026-11-23T20:30:00.000Z').then('2026-11-24T05:00:00.000Z'); // 23:30 MSK
    });
    it('after midnight, ends today at 08:00 local', () => {
      moscow.when('2026-11-23T02:00:00.000Z').then('2026-11-23T05:00:00.000Z'); // 05:00 MSK
    });
    it('includes its start', () => {
      moscow.when('2026-11-23T19:00:00.000Z').then('2026-11-24T05:00:00.000Z'); // 22:00 MSK
    });
    it('excludes its end and the daytime', () => {
      moscow.when('2026-11-23T05:00:00.000Z').then(undefined); // 08:00 MSK
      moscow.when('2026-11-23T12:00:00.000Z').then(undefined); // 15:00 MSK
    });
    it('rolls over the end of a month and a year', () => {
      moscow.when('2026-12-31T20:00:00.000Z').then('2027-01-01T05:00:00.000Z'); // 23:00 MSK on 31 Dec
    });
  });

  it('reads a window that does not wrap (13:00..15:00) on the local clock', () => {
    given('Asia/Tokyo', '13:00', '15:00').when('2026-06-01T04:30:00.000Z').then('2026-06-01T06:00:00.000Z'); // 13:30 JST
    given('Asia/Tokyo', '13:00', '15:00').when('2026-06-01T06:30:00.000Z').then(undefined); // 15:30 JST
  });

  it('treats start == end as no quiet hours', () => {
    given('Europe/Moscow', '08:00', '08:00').when('2026-11-23T05:00:00.000Z').then(undefined);
  });

  it('has none when the customer set none', () => {
    expect(quietHoursEnd('2026-11-23T20:30:00.000Z', 'Europe/Moscow', undefined)).toBeUndefined();
  });

  describe('DST (America/New_York: clocks jump 02:00 -> 03:00 on 8 Mar 2026 and fall back 02:00 -> 01:00 on 1 Nov 2026)', () => {
    it('spring forward: a night starting in EST ends at 08:00 EDT (12:00Z), a 9-hour night', () => {
      given('America/New_York', '23:00', '08:00').when('2026-03-08T04:00:00.000Z').then('2026-03-08T12:00:00.000Z');
    });
    it('fall back: a night starting in EDT ends at 08:00 EST (13:00Z), a 10-hour night', () => {
      given('America/New_York', '23:00', '08:00').when('2026-11-01T03:00:00.000Z').then('2026-11-01T13:00:00.000Z');
    });
    it('an end inside the spring gap (02:30 never shows) moves forward by the gap: 03:30 EDT', () => {
      given('America/New_York', '00:00', '02:30').when('2026-03-08T05:30:00.000Z').then('2026-03-08T07:30:00.000Z');
    });
    it('an end in the autumn overlap (01:30 shows twice) is its first occurrence after now', () => {
      const firstPass = '2026-11-01T05:10:00.000Z'; // 01:10 EDT
      const secondPass = '2026-11-01T06:10:00.000Z'; // 01:10 EST, an hour later on the same wall clock
      given('America/New_York', '00:00', '01:30').when(firstPass).then('2026-11-01T05:30:00.000Z'); // 01:30 EDT
      given('America/New_York', '00:00', '01:30').when(secondPass).then('2026-11-01T06:30:00.000Z'); // 01:30 EST
    });
    it('Europe/London: 22:00..07:00 across the March change ends at 07:00 BST (06:00Z)', () => {
      given('Europe/London', '22:00', '07:00').when('2026-03-28T23:00:00.000Z').then('2026-03-29T06:00:00.000Z');
    });
  });

  it('rejects a malformed bound rather than guessing', () => {
    expect(() => quietHoursEnd('2026-11-23T20:30:00.000Z', 'Europe/Moscow', { start: '25:00', end: '08:00' })).toThrow(RangeError);
  });
});
