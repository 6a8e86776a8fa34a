import fc from 'fast-check';
import { BIN_COUNT, conditionOnElapsed, convolve, normalised, quantileDays, quantilesDays } from './duration-distribution';
import { overdueDays, remainingQuantilesDays } from './remaining-time';

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
