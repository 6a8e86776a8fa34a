export type BackoffOptions = Readonly<{ baseDelayMs: number; maxDelayMs: number }>;

export const DEFAULT_BACKOFF: BackoffOptions = { baseDelayMs: 30_000, maxDelayMs: 30 * 60_000 };

/**
 * Delay before attempt `attempt + 1`: exponential with "equal jitter" (half fixed, half random), so a
 * provider outage does not bring every retry back in the same second; never sooner than the provider's
 * Retry-After.
 */
/**
 * Jitter that spreads retries like a random number but is the same for the same send and attempt
 * (FNV-1a of both, in [0, 1)), so a replay with the same provider failures retries at the same instants.
 */
export function stableJitter(notificationId: string, attempt: number): number {
  let h = 0x811c9dc5;
  for (const c of `${notificationId}#${attempt}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  return (h >>> 0) / 2 ** 32;
}

export function retryDelayMs(attempt: number, retryAfterMs: number | undefined, options: BackoffOptions, random: () => number): number {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + (random() * exponential) / 2;
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}
