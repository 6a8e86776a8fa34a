import { Inject, Injectable } from '@nestjs/common';
import { type BearerTokenVerifier, mayAccess } from '@ot/access';
import { DomainError } from '@ot/domain';
import { BEARER_VERIFIER, replyWithProblem } from '@ot/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RATE_LIMITERS } from '../app.tokens';
import { type RateLimiters, tooManyRequests } from '../http/rate-limit/rate-limit.guard';
import { matchesIfNoneMatch, type ReadyResponse, StatusResponseCache } from './status-response.cache';

/**
 * private: the body is one customer's data, so shared caches must not keep it.
 * no-cache: clients may store it but must revalidate each poll; with the ETag that is a cheap
 * 304 without a body, and a status change is seen on the very next poll (max-age would hide it).
 */
const CACHE_CONTROL = 'private, no-cache';

export type OrderStatusRequest = FastifyRequest<{ Params: { id: string } }>;

/**
 * GET /orders/:id, the route the mobile app polls. It is served on Fastify directly (listed in
 * status.routes.ts; a Nest provider, so it has DI) instead of as a Nest controller: a cached
 * answer costs our code about 1 us, and Nest's per-request pipeline (guard chain, exception zone,
 * response controller) costs more than everything else together (docs/PERFORMANCE.md, status).
 * The steps are the guards': token (401, the process's one verifier), then the caller's rate
 * limit (429), then the owner rule (404 for someone else's order, as for a missing one; a customer
 * link reaches only its own order); errors
 * leave as problem+json through the same function as the Nest exception filter's.
 */
@Injectable()
export class OrderStatusRoute {
  constructor(
    private readonly responses: StatusResponseCache,
    @Inject(BEARER_VERIFIER) private readonly tokens: BearerTokenVerifier,
    @Inject(RATE_LIMITERS) private readonly limiters: RateLimiters,
  ) {}

  /** The Fastify handler; every error, sync or async, leaves as problem+json. */
  readonly handle = (request: OrderStatusRequest, reply: FastifyReply): void => {
    const answered = this.answer(request, reply);
    if (answered) answered.catch((error: unknown) => replyWithProblem(reply, error));
  };

  /** Synchronous for a cached order and for a miss on SQLite; a promise only when the reader is asynchronous. */
  private answer(request: OrderStatusRequest, reply: FastifyReply): Promise<void> | undefined {
    try {
      const who = this.tokens.principalOf(request.headers.authorization);
      const retryAfter = this.limiters.status?.take(`${who.role}:${who.sub}`) ?? 0; // per token subject, after the token is verified
      if (retryAfter > 0) throw tooManyRequests('status', retryAfter);
      const { id } = request.params;
      const send = (response: ReadyResponse | undefined): void => {
        // Someone else's order gets the same answer as a missing one, so ids cannot be probed.
        if (!response || !mayAccess(who, response.customerId, id)) throw new DomainError('ORDER_NOT_FOUND', `order ${id} is unknown`, { orderId: id });
        reply.header('etag', response.etag).header('cache-control', CACHE_CONTROL).header('vary', 'authorization');
        if (matchesIfNoneMatch(request.headers['if-none-match'], response.etag)) return void reply.status(304).send();
        reply.status(200).header('content-type', 'application/json; charset=utf-8').send(response.body);
      };
      const response = this.responses.peek(id) ?? this.responses.load(id);
      if (response instanceof Promise) return response.then(send);
      return void send(response);
    } catch (error) {
      replyWithProblem(reply, error);
      return undefined;
    }
  }
}
