import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RATE_LIMITERS } from '../../app.tokens';
import type { RequestWithPrincipal } from '../../status/principal';
import { ProblemException, problemType } from '../problem-details';
import type { TokenBucketLimiter } from './token-bucket.limiter';

export type RateLimitScope = 'webhook' | 'status';
export type RateLimiters = Readonly<Record<RateLimitScope, TokenBucketLimiter | undefined>>;

const SCOPE = 'rate-limit-scope';

/**
 * Marks a controller's routes as rate limited in a scope. Put RateLimitGuard AFTER the
 * authenticating guard: only a verified caller may spend (or exhaust) a bucket, so nobody
 * without the partner's secret can throttle that partner.
 */
export const RateLimited = (scope: RateLimitScope) => SetMetadata(SCOPE, scope);

/**
 * Webhooks: one bucket per partner, a batch costs one token per event (else batching would
 * bypass the limit). Status reads: one bucket per token subject (role + sub), so minting new
 * tokens for the same customer does not buy more reads.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  /** Scope per route handler: metadata is fixed at start, so it is looked up once, not per request. */
  private readonly scopes = new Map<ReturnType<ExecutionContext['getHandler']>, RateLimitScope | undefined>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(RATE_LIMITERS) private readonly limiters: RateLimiters,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const scope = this.scopeOf(context);
    const limiter = scope && this.limiters[scope];
    if (!limiter) return true; // not marked, or switched off (rate 0)
    const request = context.switchToHttp().getRequest<RequestWithPrincipal>();
    const retryAfter = scope === 'webhook' ? limiter.take(`partner:${partnerOf(request)}`, batchSize(request.body)) : limiter.take(subjectOf(request));
    if (retryAfter > 0) throw tooManyRequests(scope, retryAfter);
    return true;
  }

  private scopeOf(context: ExecutionContext): RateLimitScope | undefined {
    const handler = context.getHandler();
    if (this.scopes.has(handler)) return this.scopes.get(handler);
    const scope = this.reflector.getAllAndOverride<RateLimitScope | undefined>(SCOPE, [handler, context.getClass()]);
    this.scopes.set(handler, scope);
    return scope;
  }
}

const partnerOf = (request: RequestWithPrincipal): string => (request.params as { partner?: string }).partner ?? '';

const subjectOf = (request: RequestWithPrincipal): string => `${request.principal?.role}:${request.principal?.sub}`;

/** A batch body's event count (at least 1); anything else, including malformed JSON, costs 1. */
function batchSize(body: unknown): number {
  const events = (body as { events?: unknown } | null)?.events;
  return Array.isArray(events) && events.length > 0 ? events.length : 1;
}

const tooManyRequests = (scope: RateLimitScope, retryAfterSeconds: number): ProblemException =>
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
