import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DomainError } from '@ot/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, RATE_LIMITERS } from '../app.tokens';
import type { AppConfig } from '../config/app.config';
import { replyWithProblem } from '../http/problem-details.reply';
import { type RateLimiters, tooManyRequests } from '../http/rate-limit/rate-limit.guard';
import { BearerAuthentication } from './bearer-authentication';
import { canRead } from './principal';
import { matchesIfNoneMatch, StatusResponseCache } from './status-response.cache';

/**
 * private: the body is one customer's data, so shared caches must not keep it.
 * no-cache: clients may store it but must revalidate each poll; with the ETag that is a cheap
 * 304 without a body, and a status change is seen on the very next poll (max-age would hide it).
 */
const CACHE_CONTROL = 'private, no-cache';

/**
 * GET /orders/:id, the route the mobile app polls. It is the one route registered on Fastify
 * directly (by this Nest provider, with Nest's DI) instead of as a Nest controller: a cached answer
 * costs our code about 1 us, and Nest's per-request pipeline (guard chain, exception zone, response
 * controller) cost more than everything else together (docs/PERFORMANCE.md, status). The steps are
 * the ones the guards did, in the same order: token (401), then the caller's rate limit (429),
 * then the order (404 for someone else's, as for a missing one), and errors leave as problem+json
 * through the same function as the Nest exception filter's.
 */
@Injectable()
export class OrderStatusRoute implements OnModuleInit {
  private readonly authentication: BearerAuthentication;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly responses: StatusResponseCache,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(RATE_LIMITERS) private readonly limiters: RateLimiters,
  ) {
    this.authentication = new BearerAuthentication(config.JWT_SECRET);
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.get<{ Params: { id: string } }>('/orders/:id', (request, reply) => {
      const answered = this.answer(request, reply);
      if (answered) answered.catch((error: unknown) => replyWithProblem(reply, error));
    });
  }

  /** Synchronous for a cached order (most polls); a promise only when the views must be read. */
  private answer(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply): Promise<void> | undefined {
    try {
      const who = this.authentication.principalOf(request.headers.authorization);
      const retryAfter = this.limiters.status?.take(`${who.role}:${who.sub}`) ?? 0; // per token subject, after the token is verified
      if (retryAfter > 0) throw tooManyRequests('status', retryAfter);
      const { id } = request.params;
      const send = (response: Awaited<ReturnType<StatusResponseCache['load']>>): void => {
        // Someone else's order gets the same answer as a missing one, so ids cannot be probed.
        if (!response || !canRead(who, response.customerId)) throw new DomainError('ORDER_NOT_FOUND', `order ${id} is unknown`, { orderId: id });
        reply.header('etag', response.etag).header('cache-control', CACHE_CONTROL).header('vary', 'authorization');
        if (matchesIfNoneMatch(request.headers['if-none-match'], response.etag)) return void reply.status(304).send();
        reply.status(200).header('content-type', 'application/json; charset=utf-8').send(response.body);
      };
      const cached = this.responses.peek(id);
      if (cached) return void send(cached);
      return this.responses.load(id).then(send);
    } catch (error) {
      replyWithProblem(reply, error);
      return undefined;
    }
  }
}
