export type BackoffOptions = Readonly<{ baseDelayMs: number; maxDelayMs: number }>;

export const DEFAULT_BACKOFF: BackoffOptions = { baseDelayMs: 30_000, maxDelayMs: 30 * 60_000 };

/**
 * Delay before attempt `attempt + 1`: exponential with "equal jitter" (half fixed, half random), so a
 * provider outage does not bring every retry back in the same second; never sooner than the provider's
 * Retry-After.
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | undefined, options: BackoffOptions, random: () => number): number {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + (random() * exponential) / 2;
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}
