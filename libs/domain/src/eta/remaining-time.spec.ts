import fc from 'fast-check';
import {
  BIN_COUNT,
  BIN_DAYS,
  conditionOnElapsed,
  convolve,
  type Distribution,
  normalised,
  OVERFLOW_SPAN_DAYS,
  quantileDays,
  quantilesDays,
} from './duration-distribution';
import { overdueDays, remainingQuantilesDays } from './remaining-time';
import type { MassInterval } from './shortest-interval';

const QS = [0.1, 1 / 3, 0.5, 0.9, 0.95];
const TAIL = 1e-4;

/** A random stage distribution: a few bumps over the bins, zeros between them, some overflow, sometimes none. */
const distribution: fc.Arbitrary<Float64Array> = fc
  .record({
    bumps: fc.array(
      fc.record({
        at: fc.integer({ min: 0, max: BIN_COUNT - 2 }),
        width: fc.integer({ min: 1, max: 30 }),
        mass: fc.double({ min: 0.01, max: 1, noNaN: true }),
      }),
      {
        minLength: 1,
        maxLength: 4,
      },
    ),
    overflow: fc.oneof(fc.constant(0), fc.double({ min: 1e-9, max: 0.2, noNaN: true })),
    thinTail: fc.boolean(),
  })
  .map(({ bumps, overflow, thinTail }) => {
    const d = new Float64Array(BIN_COUNT);
    for (const b of bumps) for (let i = b.at; i < Math.min(BIN_COUNT - 1, b.at + b.width); i++) d[i] += b.mass / b.width;
    if (thinTail) for (let i = 0; i < BIN_COUNT - 1; i++) d[i] += 1e-6; // like the prior's tail in every bin
    d[BIN_COUNT - 1] = overflow;
    return normalised(d);
  });

const elapsed = fc.oneof(
  fc.constant(0),
  fc.double({ min: 0, max: 70, noNaN: true }),
  fc.integer({ min: 0, max: 70 }).map((d) => d / 2),
);

describe('remaining time (quantiles read from cumulative probabilities)', () => {
  it('equal the conditioned distribution built bin by bin, within 1e-6 day', () => {
    fc.assert(
      fc.property(distribution, elapsed, (d, days) => {
        const want = quantilesDays(conditionOnElapsed(d, days), QS, []);
        const got = remainingQuantilesDays(d, days, QS, []);
        for (let n = 0; n < QS.length; n++) expect(Math.abs(got[n] - want[n])).toBeLessThan(1e-6);
      }),
      { numRuns: 400 },
    );
  });

  it('equal the conditioned first stage convolved with the second, within 1e-6 day', () => {
    fc.assert(
      fc.property(distribution, distribution, elapsed, fc.constantFrom(0, TAIL), (a, b, days, tail) => {
        const want = quantilesDays(convolve(conditionOnElapsed(a, days), b, { tail }), QS, []);
        const got = remainingQuantilesDays(a, days, QS, [], { dist: b, tail });
        for (let n = 0; n < QS.length; n++) expect(Math.abs(got[n] - want[n])).toBeLessThan(1e-6);
      }),
      { numRuns: 400 },
    );
  });

  it('read the overdue quantile of the estimate once, as quantileDays does', () => {
    fc.assert(
      fc.property(distribution, (d) => {
        expect(overdueDays(d, 0.97)).toBe(quantileDays(d, 0.97));
        expect(overdueDays(d, 0.97)).toBe(quantileDays(d, 0.97)); // the cached answer
        expect(overdueDays(d, 0.5)).toBe(quantileDays(d, 0.5));
      }),
    );
  });
});

const MASS = 0.8;

/** Cumulative probability of a built distribution at `x` days (uniform within a bin, the last bin the overflow). */
function cdfAt(d: Distribution, x: number): number {
  const last = d.length - 1;
  let c = 0;
  for (let i = 0; i < last; i++) {
    if (x >= (i + 1) * BIN_DAYS) c += d[i];
    else return c + (x > i * BIN_DAYS ? ((x - i * BIN_DAYS) / BIN_DAYS) * d[i] : 0);
  }
  return c + Math.min(1, Math.max(0, (x - last * BIN_DAYS) / OVERFLOW_SPAN_DAYS)) * d[last];
}

/** The narrowest of the intervals [p, p + MASS], p on a fine grid of [0, 1 - MASS], read off the built distribution. */
function narrowestScanned(d: Distribution): number {
  const steps = 400;
  const lows = Array.from({ length: steps + 1 }, (_, s) => ((1 - MASS) * s) / steps);
  const days = quantilesDays(d, [...lows, ...lows.map((p) => p + MASS)], []);
  return Math.min(...lows.map((_, s) => days[s + steps + 1] - days[s]));
}

/** The interval holds MASS of `d` and is no wider than the narrowest scanned. */
function expectShortest(got: MassInterval, d: Distribution): void {
  expect(cdfAt(d, got.highDays) - cdfAt(d, got.lowDays)).toBeGreaterThan(MASS - 1e-6);
  expect(got.highLevel - got.lowLevel).toBeCloseTo(MASS, 9);
  expect(got.highDays - got.lowDays).toBeLessThan(narrowestScanned(d) + 1e-6);
}

const equalTailed = (): MassInterval => ({ lowLevel: 0.1, highLevel: 0.9, lowDays: 0, highDays: 0 });

describe('the shortest window (remainingQuantilesDays with a window), against a brute-force scan', () => {
  it('holds the mass and is no wider than any interval of a brute-force scan, for one stage', () => {
    fc.assert(
      fc.property(distribution, elapsed, (d, days) => {
        const got = equalTailed();
        remainingQuantilesDays(d, days, QS, [], undefined, got);
        expectShortest(got, conditionOnElapsed(d, days));
      }),
      { numRuns: 200 },
    );
  });

  it('holds the mass and is no wider than any interval of a brute-force scan, for a stage then the next', () => {
    fc.assert(
      fc.property(distribution, distribution, elapsed, (a, b, days) => {
        const got = equalTailed();
        remainingQuantilesDays(a, days, QS, [], { dist: b, tail: TAIL }, got);
        expectShortest(got, convolve(conditionOnElapsed(a, days), b, { tail: TAIL }));
      }),
      { numRuns: 200 },
    );
  });
});
