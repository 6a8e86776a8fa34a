/**
 * A duration distribution on a fixed grid of half-day bins, probability uniform within a bin.
 * The last bin is an open-ended overflow ("longer than we bin"), treated as OVERFLOW_SPAN_DAYS wide.
 * Plain arrays keep the learner serialisable and the maths easy to check by hand.
 */
export const BIN_DAYS = 0.5;
export const BIN_COUNT = 121; // 0..60 days in half days, plus overflow
export const OVERFLOW_SPAN_DAYS = 30;
/** Below this a bin's probability is not spread, and a conditioned distribution with less mass left is all overflow. */
export const NEGLIGIBLE = 1e-7;

export type Distribution = Float64Array;

export function binOf(durationDays: number): number {
  return Math.min(BIN_COUNT - 1, Math.max(0, Math.floor(durationDays / BIN_DAYS)));
}

/** Divides the weights by their sum in place (the callers pass an array they just made) and returns it. */
export function normalised(weights: Distribution): Distribution {
  let total = 0;
  for (const w of weights) total += w;
  if (total > 0) for (let i = 0; i < weights.length; i++) weights[i] = weights[i] / total;
  return weights;
}

/**
 * Remaining time given that `elapsedDays` already passed without the stage ending: keep the
 * mass beyond the elapsed time, shift it left and renormalise. A silent parcel therefore gets
 * a later forecast than a fresh one. With no mass left (older than anything seen) the overflow
 * bin says "late, by an unknown amount".
 */
export function conditionOnElapsed(dist: Distribution, elapsedDays: number, into?: Distribution): Distribution {
  if (elapsedDays <= 0) return dist;
  const last = dist.length - 1;
  const shift = elapsedDays / BIN_DAYS;
  const whole = Math.floor(shift);
  const frac = shift - whole;
  const out = into ? into.fill(0) : new Float64Array(dist.length);
  for (let i = 0; i < last; i++) {
    if (dist[i] === 0) continue;
    const lo = i - whole; // the bin [i, i+1) moves to [lo - frac, lo + 1 - frac)
    if (lo - 1 >= 0) out[lo - 1] += dist[i] * frac;
    if (lo >= 0) out[lo] += dist[i] * (1 - frac);
  }
  out[last] += dist[last];
  let kept = 0;
  for (const w of out) kept += w;
  if (kept < NEGLIGIBLE) {
    out.fill(0);
    out[last] = 1;
    return out;
  }
  return normalised(out);
}

/**
 * Distribution of the sum of two independent durations (stage one then stage two). Two values
 * uniform in bins i and j sum to a triangle over [i+j, i+j+2): half the mass in each bin. So bin
 * i of `a` adds ai * kernel[k] to bin i+k, with kernel[k] = (b[k-1] + b[k]) / 2: one multiply-add
 * per pair in the hot loop of a forecast before hand-over. Overflow bins go to the overflow.
 *
 * `tail` > 0: the last `tail` of each one's mass goes straight to the overflow instead of being
 * spread (the prior keeps a thin tail in every bin, so most of the pairs would otherwise be spent on
 * it); every quantile below 1 - 2 tail is then off by at most 2 tail of probability.
 */
export function convolve(a: Distribution, b: Distribution, { tail = 0, into }: { tail?: number; into?: Distribution } = {}): Distribution {
  const length = a.length + b.length;
  const out = into ? into.fill(0) : new Float64Array(length);
  const aEnd = spreadEnd(a, tail);
  const bEnd = spreadEnd(b, tail);
  const kernel = KERNEL.length === b.length + 1 ? KERNEL : (KERNEL = new Float64Array(b.length + 1));
  kernel[0] = b[0] / 2;
  for (let k = 1; k < bEnd; k++) kernel[k] = (b[k - 1] + b[k]) / 2;
  kernel[bEnd] = b[bEnd - 1] / 2;
  let spread = 0;
  for (let i = 0; i < aEnd; i++) {
    const ai = a[i];
    if (ai < NEGLIGIBLE) continue;
    for (let k = 0; k <= bEnd; k++) out[i + k] += ai * kernel[k];
    spread += ai;
  }
  let bSpread = 0;
  for (let k = 0; k < bEnd; k++) bSpread += b[k];
  out[length - 1] += Math.max(0, 1 - spread * bSpread); // every pair not spread is longer than we bin
  return normalised(out);
}

/** The bins of `d` to spread: all but the overflow, less the last `tail` of the mass. */
function spreadEnd(d: Distribution, tail: number): number {
  const last = d.length - 1;
  if (tail <= 0) return last;
  let cumulative = 0;
  for (let i = 0; i < last; i++) {
    cumulative += d[i];
    if (cumulative >= 1 - tail) return i + 1;
  }
  return last;
}
/** Scratch for convolve's kernel (single-threaded; never escapes a call). */
let KERNEL = new Float64Array(0);

/**
 * Several quantiles in one pass: `qs` ascending, the days written to `out` in the same order. The same
 * answers as quantileDays for each (a forecast asks for five; one pass is a fifth of the reading).
 */
export function quantilesDays(dist: Distribution, qs: readonly number[], out: number[]): number[] {
  const last = dist.length - 1;
  let cumulative = 0;
  let n = 0;
  for (let i = 0; i < dist.length && n < qs.length; i++) {
    const next = cumulative + dist[i];
    while (n < qs.length && next >= qs[n] && dist[i] > 0) {
      out[n] = i * BIN_DAYS + ((qs[n] - cumulative) / dist[i]) * (i === last ? OVERFLOW_SPAN_DAYS : BIN_DAYS);
      n++;
    }
    cumulative = next;
  }
  for (; n < qs.length; n++) out[n] = last * BIN_DAYS + OVERFLOW_SPAN_DAYS;
  return out;
}

/** The q-quantile in days, interpolating inside the bin it falls in. */
export function quantileDays(dist: Distribution, q: number): number {
  const last = dist.length - 1;
  let cumulative = 0;
  for (let i = 0; i < dist.length; i++) {
    const next = cumulative + dist[i];
    if (next >= q && dist[i] > 0) {
      const within = (q - cumulative) / dist[i];
      const width = i === last ? OVERFLOW_SPAN_DAYS : BIN_DAYS;
      return i * BIN_DAYS + within * width;
    }
    cumulative = next;
  }
  return last * BIN_DAYS + OVERFLOW_SPAN_DAYS;
}
