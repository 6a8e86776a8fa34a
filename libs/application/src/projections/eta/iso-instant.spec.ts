import { isoInstant } from './iso-instant';

describe('isoInstant', () => {
  it('prints what toISOString prints, remembered or not, in and out of four-digit years', () => {
    let seed = 5;
    const next = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const instants = Array.from({ length: 20_000 }, () => Math.floor(-1e14 + next() * 4e14)); // years about -1200 to 14600
    instants.push(0, -1, Date.UTC(2017, 9, 15, 23, 59, 59, 999), Date.UTC(1000, 0, 1), Date.UTC(1000, 0, 1) - 1, Date.UTC(9999, 11, 31, 23, 59, 59, 999));
    for (const ms of [...instants, ...instants]) expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
    expect(() => isoInstant(Number.NaN)).toThrow(RangeError);
  });
});
