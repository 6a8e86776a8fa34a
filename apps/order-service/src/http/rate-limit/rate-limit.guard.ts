import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { RATE_LIMITERS } from '../../app.tokens';
import { rawDecisionOf } from '../raw-routes.server';
import { ProblemException, problemType } from '@ot/http';
import type { TokenBucketLimiter } from './token-bucket.limiter';

export type RateLimitScope = 'webhook' | 'status';
export type RateLimiters = Readonly<Record<RateLimitScope, TokenBucketLimiter | undefined>>;

/**
 * Webhooks: one bucket per partner, and a batch costs one token per event (else batching would
 * bypass the limit). Put it AFTER the signature guard: only a verified partner may spend (or
 * exhaust) its bucket, so nobody without the partner's secret can throttle that partner.
 * (Status reads take their bucket per token subject in OrderStatusRoute.)
 */
@Injectable()
export class WebhookRateLimitGuard implements CanActivate {
  constructor(@Inject(RATE_LIMITERS) private readonly limiters: RateLimiters) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (rawDecisionOf(request.raw)) return true; // charged on node:http, which handed over only a later failure
    const retryAfter = this.take((request.params as { partner?: string }).partner ?? '', request.body);
    if (retryAfter > 0) throw tooManyRequests('webhook', retryAfter);
    return true;
  }

  /** 0 when `partner` may send `body` (and is charged for it), else the seconds to wait; a refusal charges nothing. */
  take(partner: string, body: unknown): number {
    const limiter = this.limiters.webhook;
    if (!limiter) return 0; // switched off (rate 0)
    return limiter.take(`partner:${partner}`, batchSize(body));
  }
}

/** A batch body's event count (at least 1); anything else, including malformed JSON, costs 1. */
function batchSize(body: unknown): number {
  const events = (body as { events?: unknown } | null)?.events;
  return Array.isArray(events) && events.length > 0 ? events.length : 1;
}

export const tooManyRequests = (scope: RateLimitScope, retryAfterSeconds: number): ProblemException =>
  new ProblemException(
    {
      type: problemType('rate-limited'),
      title: 'Too many requests',
      status: 429,
      detail: `${scope === 'webhook' ? 'webhook' : 'status read'} rate limit exceeded; retry after ${retryAfterSeconds} s`,
      retryAfterSeconds,
    },
    { 'retry-after': String(retryAfterSeconds) },
  );
