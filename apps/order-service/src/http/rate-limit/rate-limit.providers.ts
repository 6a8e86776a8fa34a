import type { Provider } from '@nestjs/common';
import { RATE_LIMITERS } from '../../app.tokens';
import type { ServiceConfig } from '@ot/config';
import { WebhookRateLimitGuard, type RateLimiters } from './rate-limit.guard';
import { TokenBucketLimiter } from './token-bucket.limiter';

/** A rate of 0 switches that scope's limit off. */
const limiterOf = (ratePerSecond: number, burst: number): TokenBucketLimiter | undefined =>
  ratePerSecond > 0 ? new TokenBucketLimiter(ratePerSecond, burst) : undefined;

/** The limiters (from config, one per scope) and the webhook guard (status reads spend theirs in OrderStatusRoute). */
export function rateLimitProviders(config: ServiceConfig): Provider[] {
  const limiters: RateLimiters = {
    webhook: limiterOf(config.WEBHOOK_RATE_PER_SECOND, config.WEBHOOK_BURST),
    status: limiterOf(config.STATUS_RATE_PER_SECOND, config.STATUS_BURST),
  };
  return [{ provide: RATE_LIMITERS, useValue: limiters }, WebhookRateLimitGuard];
}
