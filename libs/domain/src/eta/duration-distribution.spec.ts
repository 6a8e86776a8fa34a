import { BIN_COUNT, conditionOnElapsed, convolve, quantileDays } from '@ot/domain';

const pointMass = (days: number): Float64Array => {
  const d = new Float64Array(BIN_COUNT);
  d[Math.floor(days / 0.5)] = 1;
  return d;
};

describe('duration distribution', () => {
  it('interpolates quantiles inside a bin', () => {
    expect(quantileDays(pointMass(3), 0.5)).toBeCloseTo(3.25, 6);
  });

  it('conditions on elapsed time by dropping what already passed and shifting the rest', () => {
    const d = new Float64Array(BIN_COUNT);
    d[4] = 0.5; // [2, 2.5) days
    d[12] = 0.5; // [6, 6.5) days
    const left = conditionOnElapsed(d, 3); // the 2-day half is ruled out
    expect(quantileDays(left, 0.5)).toBeCloseTo(3.25, 6);
  });

  it('adds independent stages', () => {
    expect(quantileDays(convolve(pointMass(2), pointMass(5)), 0.5)).toBeCloseTo(7.5, 6);
  });
});
