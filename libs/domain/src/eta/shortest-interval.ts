/** An interval of a distribution: its ends in days and the cumulative levels they sit at. */
export type MassInterval = { lowLevel: number; highLevel: number; lowDays: number; highDays: number };

/** A shorter interval must win by more than this (days): among equally short ones the equal-tailed start is kept. */
const SHORTER_BY = 1e-9;

/**
 * The shortest interval holding `mass` of a distribution whose cumulative probability is linear
 * between knots: `cs[k]` at `xs[k]` days (k < n; both ascending, cs[0] = 0, cs[n - 1] the total,
 * a flat stretch where no mass lies). Its width, as a function of the lower level p, is linear
 * between the levels where either end crosses a knot, so the shortest one has an end on a knot:
 * one sweep with the other end on a moving pointer. `best` comes in as the interval to beat (the
 * equal-tailed one, so a symmetric distribution keeps it) and goes out as the answer.
 */
export function shortestInterval(xs: Float64Array, cs: Float64Array, n: number, mass: number, best: MassInterval): MassInterval {
  const total = cs[n - 1];
  const m = mass * total;
  if (!(m > 0) || !(total > 0)) return best;
  let width = best.highDays - best.lowDays;
  let lowDays = best.lowDays;
  let highDays = best.highDays;
  let low = Number.NaN; // the cumulative mass at the lower end of a narrower interval, once one is found
  // lower end on a knot: the upper end is the first point with `m` more mass
  let j = 1;
  let i = 0;
  for (; i < n && cs[i] + m <= total; i++) {
    const target = cs[i] + m;
    while (cs[j] < target) j++;
    const high = xs[j - 1] + ((target - cs[j - 1]) / (cs[j] - cs[j - 1])) * (xs[j] - xs[j - 1]);
    if (high - xs[i] < width - SHORTER_BY) {
      width = high - xs[i];
      lowDays = xs[i];
      highDays = high;
      low = cs[i];
    }
  }
  // upper end on a knot: the lower end is the last point with `m` less mass; every lower end lies before xs[i]
  const lowerEndsBefore = xs[i];
  let k = 0;
  for (let u = 0; u < n && xs[u] - lowerEndsBefore < width; u++) {
    const target = cs[u] - m;
    if (target < 0) continue;
    while (cs[k + 1] <= target) k++;
    const lowEnd = xs[k] + ((target - cs[k]) / (cs[k + 1] - cs[k])) * (xs[k + 1] - xs[k]);
    if (xs[u] - lowEnd < width - SHORTER_BY) {
      width = xs[u] - lowEnd;
      lowDays = lowEnd;
      highDays = xs[u];
      low = target;
    }
  }
  if (Number.isNaN(low)) return best;
  best.lowDays = lowDays;
  best.highDays = highDays;
  best.lowLevel = low / total;
  best.highLevel = (low + m) / total;
  return best;
}
