import { BIN_COUNT, BIN_DAYS, type Distribution, NEGLIGIBLE, OVERFLOW_SPAN_DAYS, quantileDays } from './duration-distribution';
import { float64s } from './float-slab';
import { type MassInterval, shortestInterval } from './shortest-interval';

const LAST = BIN_COUNT - 1;
/** The sum of two stages has 2 BIN_COUNT bins, the last one the overflow (as convolve makes it). */
const SUM_LAST = 2 * BIN_COUNT - 1;

/** What forecasts read of one stage estimate, worked out once per estimate: every order of its route shares it. */
type Derived = {
  /** cdf[k]: probability of the bins before k (k = 0..LAST, overflow excluded). */
  cdf: Float64Array;
  overdue?: { q: number; days: number };
  /** convolve's kernel for this distribution as the second stage, for one tail. */
  kernel?: { tail: number; k: Float64Array; end: number; sum: number };
};
const DERIVED = new WeakMap<Distribution, Derived>();
/** Scratch for the sum of two stages (single-threaded; never escapes a call). */
const SUM = new Float64Array(2 * BIN_COUNT);
/** Scratch knots (days, cumulative mass) of the remaining time, for the shortest interval. */
const KNOT_DAYS = new Float64Array(2 * BIN_COUNT + 2);
const KNOT_MASS = new Float64Array(2 * BIN_COUNT + 2);

function derivedOf(d: Distribution): Derived {
  let out = DERIVED.get(d);
  if (!out) {
    const cdf = float64s(LAST + 1);
    for (let k = 0; k < LAST; k++) cdf[k + 1] = cdf[k] + d[k];
    DERIVED.set(d, (out = { cdf }));
  }
  return out;
}

/** Probability of the first `x` bins (x fractional: uniform within a bin), the overflow excluded. */
function massBefore(d: Distribution, cdf: Float64Array, x: number): number {
  if (x >= LAST) return cdf[LAST];
  const k = Math.floor(x);
  return cdf[k] + (x - k) * d[k];
}

/** The stage's overdue quantile in days (quantileDays), once per estimate. */
export function overdueDays(d: Distribution, q: number): number {
  const derived = derivedOf(d);
  if (derived.overdue?.q !== q) derived.overdue = { q, days: quantileDays(d, q) };
  return derived.overdue.days;
}

/**
 * Quantiles (ascending `qs`, days written to `out`) of the time left in a stage of distribution `d`
 * after `elapsedDays` in it and, when `then` is given, the next stage: the answers of
 * quantilesDays(convolve(conditionOnElapsed(d, elapsedDays), then, { tail }), qs) without building
 * either distribution. The conditioned one is read from d's cumulative probabilities (its bin m
 * is d's mass between elapsed + m and elapsed + m + 1 bins), so a stage alone costs a few binary
 * searches, and two stages the pairs convolve spreads up to the highest quantile, with the kernel made once per estimate.
 *
 * `window`, when given, comes in with the levels of an equal-tailed interval (both in `qs`) and goes
 * out as the shortest interval holding as much of the same distribution (shortestInterval).
 */
export function remainingQuantilesDays(
  d: Distribution,
  elapsedDays: number,
  qs: readonly number[],
  out: number[],
  then?: { dist: Distribution; tail: number },
  window?: MassInterval,
): number[] {
  const { cdf } = derivedOf(d);
  const e = elapsedDays > 0 ? elapsedDays / BIN_DAYS : 0;
  const passed = e > 0 ? massBefore(d, cdf, e) : 0;
  const kept = cdf[LAST] - passed + d[LAST];
  if (e > 0 && kept < NEGLIGIBLE) {
    // older than anything seen: all is overflow, "late, by an unknown amount"
    const last = then ? SUM_LAST : LAST;
    for (let n = 0; n < qs.length; n++) out[n] = last * BIN_DAYS + qs[n] * OVERFLOW_SPAN_DAYS;
    if (window) reachOf(window, qs, out); // uniform: every interval of the mass is as wide
    return out;
  }
  if (!then) {
    stageQuantiles(d, cdf, e, passed, kept, qs, out);
    if (window) shortestInterval(KNOT_DAYS, KNOT_MASS, stageKnots(d, cdf, e, passed, kept, reachOf(window, qs, out)), massOf(window), window);
    return out;
  }
  sumQuantiles(d, cdf, e, passed, kept, then, qs, out);
  if (window) shortestInterval(KNOT_DAYS, KNOT_MASS, sumKnots(reachOf(window, qs, out)), massOf(window), window);
  return out;
}

const massOf = (window: MassInterval): number => window.highLevel - window.lowLevel;

/**
 * Sets `window` to the equal-tailed interval at its levels (read from the quantiles just computed) and
 * returns how far (days) the knots must reach: no interval of its mass narrower than it ends later than
 * a quantile above 1 - mass plus its width, so the knots past that can be one segment to the end.
 */
function reachOf(window: MassInterval, qs: readonly number[], out: number[]): number {
  window.lowDays = out[qs.indexOf(window.lowLevel)];
  window.highDays = out[qs.indexOf(window.highLevel)];
  const lowest = 1 - massOf(window);
  for (let n = 0; n < qs.length; n++) if (qs[n] > lowest) return out[n] + (window.highDays - window.lowDays);
  return Number.POSITIVE_INFINITY;
}

/** The first `bins` bins' edges, at most: one past the bin holding `reachDays`. */
const binsTo = (reachDays: number, bins: number): number => Math.min(bins, Math.floor(reachDays / BIN_DAYS) + 2);

/** The conditioned stage's cumulative mass at each bin edge up to `reachDays`, then the overflow's end; returns the knots' count. */
function stageKnots(d: Distribution, cdf: Float64Array, e: number, passed: number, kept: number, reachDays: number): number {
  const edges = binsTo(reachDays, LAST);
  for (let k = 0; k <= edges; k++) {
    KNOT_DAYS[k] = k * BIN_DAYS;
    KNOT_MASS[k] = massBefore(d, cdf, k + e) - passed;
  }
  KNOT_DAYS[edges + 1] = LAST * BIN_DAYS + OVERFLOW_SPAN_DAYS;
  KNOT_MASS[edges + 1] = kept;
  return edges + 2;
}

function stageQuantiles(d: Distribution, cdf: Float64Array, e: number, passed: number, kept: number, qs: readonly number[], out: number[]): number[] {
  let lo = 0;
  for (let n = 0; n < qs.length; n++) {
    const target = passed + qs[n] * kept;
    if (target > cdf[LAST]) {
      // in the overflow bin
      const beyond = cdf[LAST] - passed;
      out[n] = d[LAST] > 0 ? LAST * BIN_DAYS + ((qs[n] * kept - beyond) / d[LAST]) * OVERFLOW_SPAN_DAYS : LAST * BIN_DAYS + OVERFLOW_SPAN_DAYS;
      continue;
    }
    // the first conditioned bin i whose end reaches the target (i = LAST - 1 always does)
    let hi = LAST - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (massBefore(d, cdf, mid + 1 + e) >= target) hi = mid;
      else lo = mid + 1;
    }
    const from = massBefore(d, cdf, lo + e);
    const mass = massBefore(d, cdf, lo + 1 + e) - from;
    out[n] = lo * BIN_DAYS + (mass > 0 ? (target - from) / mass : 1) * BIN_DAYS;
  }
  return out;
}

/**
 * convolve's sum of the conditioned stage `d` and then.dist, read only as far as the quantiles reach. Bin m of
 * the sum is the pairs (i, m - i) convolve spreads there, added in the same order (i ascending) from the same
 * products, so every bin, and every answer, is the one the whole sum gives to the last bit; the bins past the
 * highest quantile (most of the pairs: the sum's tail) are left unspread until a shortest window reads them.
 */
function sumQuantiles(
  d: Distribution,
  cdf: Float64Array,
  e: number,
  passed: number,
  kept: number,
  then: { dist: Distribution; tail: number },
  qs: readonly number[],
  out: number[],
): void {
  const kernel = kernelOf(then.dist, then.tail);
  // the conditioned first stage, bin by bin until all but `tail` of it is spread (convolve's spreadEnd)
  let spread = 0;
  let cumulative = 0;
  let before = passed;
  let bins = 0;
  while (bins < LAST) {
    const after = massBefore(d, cdf, bins + 1 + e);
    const ai = (after - before) / kept;
    before = after;
    cumulative += ai;
    FIRST[bins++] = ai >= NEGLIGIBLE ? ai : 0; // a bin below NEGLIGIBLE is not spread
    if (ai >= NEGLIGIBLE) spread += ai;
    if (then.tail > 0 && cumulative >= 1 - then.tail) break;
  }
  sum.k = kernel.k;
  sum.kEnd = kernel.end;
  sum.firstBins = bins;
  sum.ready = 0;
  sum.end = bins + kernel.end;
  const overflow = Math.max(0, 1 - spread * kernel.sum);
  const total = spread * kernel.sum + overflow;
  let n = 0;
  let c = 0;
  for (let i = 0; i < sum.end && n < qs.length; i++) {
    const bin = sumBinAt(i);
    const next = c + bin;
    while (n < qs.length && next >= qs[n] * total && bin > 0) {
      out[n] = i * BIN_DAYS + ((qs[n] * total - c) / bin) * BIN_DAYS;
      n++;
    }
    c = next;
  }
  for (; n < qs.length; n++) {
    out[n] =
      overflow > 0 && c + overflow >= qs[n] * total
        ? SUM_LAST * BIN_DAYS + ((qs[n] * total - c) / overflow) * OVERFLOW_SPAN_DAYS
        : SUM_LAST * BIN_DAYS + OVERFLOW_SPAN_DAYS;
  }
  sum.overflow = overflow;
  sum.total = total;
}

/** Scratch: the last sum's first stage, bin by bin as spread (0 where a bin is not). */
const FIRST = new Float64Array(LAST);
/** The last sum: its kernel, first-stage bins, SUM's bins worked out (SUM[0..ready - 1]) of its `end`, its overflow and whole mass. */
type LastSum = { k: Float64Array; kEnd: number; firstBins: number; ready: number; end: number; overflow: number; total: number };
const sum: LastSum = { k: new Float64Array(0), kEnd: 0, firstBins: 0, ready: 0, end: 0, overflow: 0, total: 0 };

/** SUM[m] of the last sum (m < sum.end), working out the bins up to it that are not yet. */
function sumBinAt(m: number): number {
  const { k, kEnd, firstBins } = sum;
  for (; sum.ready <= m; sum.ready++) {
    const at = sum.ready;
    let bin = 0;
    for (let i = Math.max(0, at - kEnd), last = Math.min(at, firstBins - 1); i <= last; i++) {
      const ai = FIRST[i];
      if (ai !== 0) bin += ai * k[at - i];
    }
    SUM[at] = bin;
  }
  return SUM[m];
}

/** The last sum's cumulative mass at each bin edge up to `reachDays`, then the overflow's start and end; returns the knots' count. */
function sumKnots(reachDays: number): number {
  const edges = binsTo(reachDays, sum.end);
  KNOT_MASS[0] = 0;
  for (let i = 0; i < edges; i++) {
    KNOT_DAYS[i] = i * BIN_DAYS;
    KNOT_MASS[i + 1] = KNOT_MASS[i] + sumBinAt(i);
  }
  KNOT_DAYS[edges] = edges * BIN_DAYS;
  // past the reach, the bins left form one segment to the overflow's start
  KNOT_DAYS[edges + 1] = SUM_LAST * BIN_DAYS;
  KNOT_MASS[edges + 1] = Math.max(KNOT_MASS[edges], sum.total - sum.overflow);
  KNOT_DAYS[edges + 2] = SUM_LAST * BIN_DAYS + OVERFLOW_SPAN_DAYS;
  KNOT_MASS[edges + 2] = KNOT_MASS[edges + 1] + sum.overflow;
  return edges + 3;
}

/** convolve's kernel of `b` as the second stage: kernel[k] = (b[k-1] + b[k]) / 2 over the bins spread. */
function kernelOf(b: Distribution, tail: number): NonNullable<Derived['kernel']> {
  const derived = derivedOf(b);
  if (derived.kernel?.tail === tail) return derived.kernel;
  let end = LAST;
  if (tail > 0) {
    let cumulative = 0;
    for (let i = 0; i < LAST; i++) {
      cumulative += b[i];
      if (cumulative >= 1 - tail) {
        end = i + 1;
        break;
      }
    }
  }
  const k = float64s(end + 1);
  k[0] = b[0] / 2;
  for (let j = 1; j < end; j++) k[j] = (b[j - 1] + b[j]) / 2;
  k[end] = b[end - 1] / 2;
  let sum = 0;
  for (let j = 0; j < end; j++) sum += b[j];
  return (derived.kernel = { tail, k, end, sum });
}
