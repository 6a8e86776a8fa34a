import { DecayedRidge } from './decayed-ridge';

const DAY = 86_400_000;

/** Gaussian elimination with partial pivoting: the direct solve the ridge is checked against. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    const p = m.reduce((best, row, r) => (r >= c && Math.abs(row[c]) > Math.abs(m[best][c]) ? r : best), c);
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}

/**
 * Weighted least squares with an intercept, written out: minimise sum w (y - a - x.b)^2 + strength sum_i var_i b_i^2 W,
 * var_i the weighted variance of feature i and W the total weight. Returns b (the intercept is profiled out by centring).
 */
function directFit(xs: number[][], ys: number[], ws: number[], strength: number): number[] {
  const d = xs[0].length;
  const W = ws.reduce((s, w) => s + w, 0);
  const mx = Array.from({ length: d }, (_, i) => xs.reduce((s, x, n) => s + ws[n] * x[i], 0) / W);
  const my = ys.reduce((s, y, n) => s + ws[n] * y, 0) / W;
  const a = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => xs.reduce((s, x, n) => s + ws[n] * (x[i] - mx[i]) * (x[j] - mx[j]), 0)));
  const b = Array.from({ length: d }, (_, i) => xs.reduce((s, x, n) => s + ws[n] * (x[i] - mx[i]) * (ys[n] - my), 0));
  for (let i = 0; i < d; i++) a[i][i] += strength * (a[i][i] / W);
  return solve(a, b);
}

/** A small deterministic example: y = 0.3 x0 - 0.5 x1 + 0 x2 + noise, x1 correlated with x0. */
function example(n: number): { xs: number[][]; ys: number[]; days: number[] } {
  let seed = 7;
  const rnd = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const xs: number[][] = [];
  const ys: number[] = [];
  const days: number[] = [];
  for (let k = 0; k < n; k++) {
    const x0 = rnd();
    const x1 = 0.6 * x0 + 0.4 * rnd();
    const x2 = rnd() * 3;
    xs.push([x0, x1, x2]);
    ys.push(0.2 + 0.3 * x0 - 0.5 * x1 + 0.1 * rnd());
    days.push(k);
  }
  return { xs, ys, days };
}

describe('DecayedRidge', () => {
  it('equals the direct least-squares solve without decay or penalty', () => {
    const { xs, ys } = example(40);
    const ridge = new DecayedRidge(3, 1e9, 0);
    xs.forEach((x, n) => ridge.record(x, ys[n], 0));
    const direct = directFit(
      xs,
      ys,
      xs.map(() => 1),
      0,
    );
    ridge.coefficients().forEach((b, i) => expect(b).toBeCloseTo(direct[i], 9));
  });

  it('equals the direct weighted ridge solve, each observation weighted by its age in half-lives', () => {
    const { xs, ys, days } = example(60);
    const ridge = new DecayedRidge(3, 30, 10);
    xs.forEach((x, n) => ridge.record(x, ys[n], days[n] * DAY));
    const last = days[days.length - 1];
    const direct = directFit(
      xs,
      ys,
      days.map((t) => Math.pow(0.5, (last - t) / 30)),
      10,
    );
    ridge.coefficients().forEach((b, i) => expect(b).toBeCloseTo(direct[i], 9));
    // the penalty pulls toward 0: smaller than the unpenalised fit
    const free = directFit(
      xs,
      ys,
      days.map((t) => Math.pow(0.5, (last - t) / 30)),
      0,
    );
    expect(Math.hypot(...ridge.coefficients())).toBeLessThan(Math.hypot(...free));
  });

  it('reads centred: the mean features predict 0, and a feature at its mean adds nothing', () => {
    const { xs, ys } = example(50);
    const ridge = new DecayedRidge(3, 30, 10);
    xs.forEach((x, n) => ridge.record(x, ys[n], 0));
    const mean = [0, 1, 2].map((i) => ridge.meanOf(i));
    expect(ridge.predict(mean)).toBeCloseTo(0, 12);
    expect(ridge.predict([mean[0] + 1, mean[1], mean[2]])).toBeCloseTo(ridge.coefficients()[0], 12);
  });

  it('gives a constant feature no coefficient', () => {
    const { xs, ys } = example(30);
    const ridge = new DecayedRidge(3, 30, 10);
    xs.forEach((x, n) => ridge.record([x[0], x[1], 5], ys[n], 0));
    expect(ridge.coefficients()[2]).toBe(0);
  });

  it('explains the share of the variance its fit carries: near 1 without noise, near 0 for noise alone', () => {
    const { xs, ys } = example(200);
    const exact = new DecayedRidge(3, 1e9, 0);
    xs.forEach((x) => exact.record(x, 0.3 * x[0] - 0.5 * x[1], 0));
    expect(exact.explainedShare()).toBeCloseTo(1, 9);
    const noise = new DecayedRidge(3, 1e9, 0);
    xs.forEach((x, n) => noise.record(x, ys[(n * 37) % ys.length] - 0.3 * xs[(n * 37) % ys.length][0] + 0.5 * xs[(n * 37) % ys.length][1], 0));
    expect(noise.explainedShare()).toBeLessThan(0.1);
  });

  it('restores from its snapshot to the same fit; a snapshot of other features starts empty', () => {
    const { xs, ys, days } = example(40);
    const ridge = new DecayedRidge(3, 30, 10);
    xs.forEach((x, n) => ridge.record(x, ys[n], days[n] * DAY));
    const back = DecayedRidge.restore(structuredClone(ridge.snapshot()), 3, 30, 10);
    expect(back.coefficients()).toEqual(ridge.coefficients());
    back.record(xs[0], ys[0], 50 * DAY);
    ridge.record(xs[0], ys[0], 50 * DAY);
    expect(back.predict(xs[1])).toBe(ridge.predict(xs[1]));
    expect(DecayedRidge.restore(ridge.snapshot(), 4, 30, 10).weight).toBe(0);
  });
});
