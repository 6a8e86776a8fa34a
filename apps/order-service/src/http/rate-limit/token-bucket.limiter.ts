import { keepRecent } from '@ot/domain';

/** Milliseconds from any fixed origin; injected so tests can move time by hand. */
export type MonotonicNow = () => number;

type Bucket = { tokens: number; at: number };

/**
 * One token bucket per key, in memory: `ratePerSecond` tokens refill continuously up to `burst`.
 * take() is a Map lookup plus arithmetic, cheap enough for the polled status read path.
 * Keys are only ever authenticated callers (a verified partner or token subject), so the map
 * cannot be grown by strangers; it is still capped, and the oldest keys are dropped past the cap, a
 * sixteenth at a time (keepRecent says why; those callers merely start again from a full bucket).
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number,
    private readonly now: MonotonicNow = () => performance.now(),
    private readonly maxKeys = 100_000,
  ) {}

  /** 0 when allowed (and charged), else the whole seconds to wait before `cost` tokens are there. */
  take(key: string, cost = 1): number {
    const charge = Math.min(cost, this.burst); // a cost above the burst could never pass
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: this.burst, at: now };
      keepRecent(this.buckets, key, bucket, this.maxKeys);
    }
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.ratePerSecond);
    bucket.at = now;
    if (bucket.tokens >= charge) {
      bucket.tokens -= charge;
      return 0;
    }
    return Math.max(1, Math.ceil((charge - bucket.tokens) / this.ratePerSecond));
  }
}
