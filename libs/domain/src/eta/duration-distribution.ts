/**
 * A duration distribution on a fixed grid of half-day bins, probability uniform within a bin.
 * The last bin is an open-ended overflow ("longer than we bin"), treated as OVERFLOW_SPAN_DAYS wide.
 * Plain arrays keep the learner serialisable and the maths easy to check by hand.
 */
export const BIN_DAYS = 0.5;
export const BIN_COUNT = 121; // 0..60 days in half days, plus overflow
const OVERFLOW_SPAN_DAYS = 30;
const NEGLIGIBLE = 1e-7;

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
export function conditionOnElapsed(dist: Distribution, elapsedDays: number): Distribution {
  if (elapsedDays <= 0) return dist;
  const last = dist.length - 1;
  const shift = elapsedDays / BIN_DAYS;
  const whole = Math.floor(shift);
  const frac = shift - whole;
  const out = new Float64Array(dist.length);
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
 * uniform in bins i and j sum to a triangle over [i+j, i+j+2): half the mass in each bin.
 */
export function convolve(a: Distribution, b: Distribution): Distribution {
  const length = a.length + b.length;
  const out = new Float64Array(length);
  const aLast = a.length - 1;
  const bLast = b.length - 1;
  // The hot loop of a forecast before hand-over: per bin of `a`, each half of a product is added to
  // out[i + j] in the same order as "out[i+j] += m/2; out[i+j+1] += m/2" over j (bit-identical), with the
  // second half carried to the next j instead of stored and reloaded. Zero products add nothing.
  for (let i = 0; i < aLast; i++) {
    const ai = a[i];
    if (ai < NEGLIGIBLE) continue;
    let carry = 0; // the second half of the previous product, owed to out[i + j]
    for (let j = 0; j < bLast; j++) {
      const half = (ai * b[j]) / 2;
      out[i + j] = out[i + j] + carry + half;
      carry = half;
    }
    out[i + bLast] += carry;
    out[length - 1] += ai * b[bLast];
  }
  const overflow = a[aLast];
  if (!(overflow < NEGLIGIBLE)) for (let j = 0; j < b.length; j++) out[length - 1] += overflow * b[j];
  return normalised(out);
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
