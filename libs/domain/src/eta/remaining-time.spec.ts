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
import { type MassInterval, shortestInterval } from './shortest-interval';

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

  it('equal, to the last bit, the sum whose every pair is spread (quantiles and shortest window)', () => {
    fc.assert(
      fc.property(distribution, distribution, elapsed, fc.constantFrom(0, TAIL), fc.boolean(), (a, b, days, tail, shortest) => {
        const want = wholeSum(a, days, b, tail, shortest);
        const window = shortest ? equalTailed() : undefined;
        const got = remainingQuantilesDays(a, days, QS, [], { dist: b, tail }, window);
        expect(got).toEqual(want.days);
        if (window) expect(window).toEqual(want.window);
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

/**
 * Two stages as remainingQuantilesDays read them before it spread only the bins its quantiles reach: every
 * pair of bins spread into the sum, then the sum read (and its knots, for the shortest window).
 */
function wholeSum(a: Distribution, elapsedDays: number, b: Distribution, tail: number, shortest: boolean): { days: number[]; window?: MassInterval } {
  const last = BIN_COUNT - 1;
  const cdf = new Float64Array(last + 1);
  for (let k = 0; k < last; k++) cdf[k + 1] = cdf[k] + a[k];
  const massBefore = (x: number): number => (x >= last ? cdf[last] : cdf[Math.floor(x)] + (x - Math.floor(x)) * a[Math.floor(x)]);
  const e = elapsedDays > 0 ? elapsedDays / BIN_DAYS : 0;
  const passed = e > 0 ? massBefore(e) : 0;
  const kept = cdf[last] - passed + a[last];
  const days: number[] = [];
  const window = shortest ? equalTailed() : undefined;
  if (e > 0 && kept < 1e-7) return { days: remainingQuantilesDays(a, elapsedDays, QS, [], { dist: b, tail }, window), window }; // all overflow: no sum
  let kEnd = last;
  for (let i = 0, c = 0; tail > 0 && i < last; i++) {
    c += b[i];
    if (c >= 1 - tail) {
      kEnd = i + 1;
      break;
    }
  }
  const kernel = new Float64Array(kEnd + 1);
  kernel[0] = b[0] / 2;
  for (let j = 1; j < kEnd; j++) kernel[j] = (b[j - 1] + b[j]) / 2;
  kernel[kEnd] = b[kEnd - 1] / 2;
  let kernelSum = 0;
  for (let j = 0; j < kEnd; j++) kernelSum += b[j];
  const sum = new Float64Array(2 * BIN_COUNT);
  let spread = 0;
  let cumulative = 0;
  let end = 0;
  let before = passed;
  for (let i = 0; i < last; i++) {
    const after = massBefore(i + 1 + e);
    const ai = (after - before) / kept;
    before = after;
    end = i + kEnd + 1;
    cumulative += ai;
    if (ai >= 1e-7) {
      for (let j = 0; j <= kEnd; j++) sum[i + j] += ai * kernel[j];
      spread += ai;
    }
    if (tail > 0 && cumulative >= 1 - tail) break;
  }
  const overflow = Math.max(0, 1 - spread * kernelSum);
  const total = spread * kernelSum + overflow;
  const sumLast = 2 * BIN_COUNT - 1;
  let n = 0;
  let c = 0;
  for (let i = 0; i < end && n < QS.length; i++) {
    const next = c + sum[i];
    for (; n < QS.length && next >= QS[n] * total && sum[i] > 0; n++) days[n] = i * BIN_DAYS + ((QS[n] * total - c) / sum[i]) * BIN_DAYS;
    c = next;
  }
  for (; n < QS.length; n++) {
    days[n] =
      overflow > 0 && c + overflow >= QS[n] * total
        ? sumLast * BIN_DAYS + ((QS[n] * total - c) / overflow) * OVERFLOW_SPAN_DAYS
        : sumLast * BIN_DAYS + OVERFLOW_SPAN_DAYS;
  }
  if (!window) return { days };
  // the knots as remainingQuantilesDays lays them: bin edges up to the reach, then one segment, then the overflow
  window.lowDays = days[QS.indexOf(window.lowLevel)];
  window.highDays = days[QS.indexOf(window.highLevel)];
  const mass = window.highLevel - window.lowLevel;
  const above = QS.findIndex((q) => q > 1 - mass);
  const reach = above >= 0 ? days[above] + (window.highDays - window.lowDays) : Number.POSITIVE_INFINITY;
  const edges = Math.min(end, Math.floor(reach / BIN_DAYS) + 2);
  const xs = new Float64Array(edges + 3);
  const cs = new Float64Array(edges + 3);
  for (let i = 0; i < edges; i++) {
    xs[i] = i * BIN_DAYS;
    cs[i + 1] = cs[i] + sum[i];
  }
  xs[edges] = edges * BIN_DAYS;
  xs[edges + 1] = sumLast * BIN_DAYS;
  cs[edges + 1] = Math.max(cs[edges], total - overflow);
  xs[edges + 2] = sumLast * BIN_DAYS + OVERFLOW_SPAN_DAYS;
  cs[edges + 2] = cs[edges + 1] + overflow;
  return { days, window: shortestInterval(xs, cs, edges + 3, mass, window) };
}

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
