/** Nearest-rank percentile over a copy of the samples; NaN for none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** The middle sample (the upper one of an even count), over a copy; undefined for none. */
export const median = (samples: readonly number[]): number => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];

export const round = (x: number, digits = 2): number => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

export const ratio = (a: number, b: number): number => (b > 0 ? round(a / b, 3) : Number.NaN);

/** Seconds per load phase: BENCH_SECONDS (default 10). */
export const phaseSeconds = (): number => Number(process.env.BENCH_SECONDS ?? 10);

/** Concurrent connections of the load generator: BENCH_CONNECTIONS (default 32). */
export const connections = (): number => Number(process.env.BENCH_CONNECTIONS ?? 32);
