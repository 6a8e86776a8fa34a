import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { type BearerTokenVerifier, mayAccess, type Principal } from '@ot/access';
import { DomainError } from '@ot/domain';
import { BEARER_VERIFIER, replyWithProblem } from '@ot/http';
import { REQUEST_ID_HEADER, requestIdOf } from '@ot/observability';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RATE_LIMITERS } from '../app.tokens';
import { type RateLimiters, tooManyRequests } from '../http/rate-limit/rate-limit.guard';
import { leaveForFastify, rawDecisionOf } from '../http/raw-routes.server';
import { matchesIfNoneMatch, type ReadyResponse, StatusResponseCache } from './status-response.cache';

/**
 * private: the body is one customer's data, so shared caches must not keep it.
 * no-cache: clients may store it but must revalidate each poll; with the ETag that is a cheap
 * 304 without a body, and a status change is seen on the very next poll (max-age would hide it).
 */
const CACHE_CONTROL = 'private, no-cache';
const JSON_TYPE = 'application/json; charset=utf-8';

export type OrderStatusRequest = FastifyRequest<{ Params: { id: string } }>;

/** What the route answers once every step passed: the response, and whether the client already holds it. */
export type StatusAnswer = Readonly<{ notModified: boolean; response: ReadyResponse }>;

/** A decision the node:http path took and left to Fastify to send. */
type StatusDecision = { answer: StatusAnswer | Promise<StatusAnswer> } | { error: unknown };

/**
 * GET /orders/:id, the route the mobile app polls. It is served on Fastify directly (listed in
 * status.routes.ts; a Nest provider, so it has DI) instead of as a Nest controller: a cached
 * answer costs our code about 1 us, and Nest's per-request pipeline (guard chain, exception zone,
 * response controller) costs more than everything else together (docs/PERFORMANCE.md, status).
 * The steps are the guards': token (401, the process's one verifier), then the caller's rate
 * limit (429), then the owner rule (404 for someone else's order, as for a missing one; a customer
 * link reaches only its own order); errors
 * leave as problem+json through the same function as the Nest exception filter's.
 *
 * The steps run once per request, in `decide`. A plain GET is decided on node:http before
 * Fastify's router (`serveRaw`, see status.routes.ts) and its 200 or 304 written there; anything
 * else it hands over to this route on Fastify with the decision taken, so every refusal, and
 * every answer the request log must show, still leaves through Fastify and its hooks.
 */
@Injectable()
export class OrderStatusRoute {
  /** Each caller's rate-limit key; the verifier returns the same principal for a token it has seen, so it is built once per token. */
  private readonly limitKeys = new WeakMap<Principal, string>();

  constructor(
    private readonly responses: StatusResponseCache,
    @Inject(BEARER_VERIFIER) private readonly tokens: BearerTokenVerifier,
    @Inject(RATE_LIMITERS) private readonly limiters: RateLimiters,
  ) {}

  /** The Fastify handler; every error, sync or async, leaves as problem+json. */
  readonly handle = (request: OrderStatusRequest, reply: FastifyReply): void => {
    const taken = rawDecisionOf<StatusDecision>(request.raw);
    let answer: StatusAnswer | Promise<StatusAnswer>;
    try {
      if (taken && 'error' in taken) throw taken.error;
      answer = taken ? taken.answer : this.decide(request.headers, request.params.id);
    } catch (error) {
      return replyWithProblem(reply, error);
    }
    if (answer instanceof Promise) answer.then((a) => send(reply, a)).catch((error: unknown) => replyWithProblem(reply, error));
    else send(reply, answer);
  };

  /**
   * The same route on node:http for `id` as the router would pass it: writes the 200 or 304 and
   * answers true, or answers false having written nothing, the decision kept for `handle`.
   * `logged`: the request log would show this answer, so Fastify must send it.
   */
  serveRaw(req: IncomingMessage, res: ServerResponse, id: string, logged: boolean): boolean {
    let answer: StatusAnswer | Promise<StatusAnswer>;
    try {
      answer = this.decide(req.headers, id);
    } catch (error) {
      leaveForFastify(req, { decision: { error } satisfies StatusDecision });
      return false;
    }
    if (answer instanceof Promise || logged) {
      if (answer instanceof Promise) answer.catch(() => undefined); // handled by `handle`, maybe a tick later
      leaveForFastify(req, { decision: { answer } satisfies StatusDecision });
      return false;
    }
    const { etag, body, bytes } = answer.response;
    const requestId = requestIdOf(req); // as Fastify's genReqId, echoed as its onSend hook does
    // Headers as a flat list, in the order Fastify sends them: node walks it as is (no object literal to build and iterate).
    if (answer.notModified) {
      res.writeHead(304, ['etag', etag, 'cache-control', CACHE_CONTROL, 'vary', 'authorization', REQUEST_ID_HEADER, requestId]);
      res.end();
    } else {
      res.writeHead(200, [
        'etag',
        etag,
        'cache-control',
        CACHE_CONTROL,
        'vary',
        'authorization',
        'content-type',
        JSON_TYPE,
        REQUEST_ID_HEADER,
        requestId,
        'content-length',
        bytes,
      ]);
      res.end(body);
    }
    return true;
  }

  /** Synchronous for a cached order and for a miss on SQLite; a promise only when the reader is asynchronous. Throws a refusal. */
  private decide(headers: IncomingHttpHeaders, id: string): StatusAnswer | Promise<StatusAnswer> {
    const who = this.tokens.principalOf(headers.authorization);
    const limiter = this.limiters.status;
    if (limiter) {
      let key = this.limitKeys.get(who);
      if (key === undefined) this.limitKeys.set(who, (key = `${who.role}:${who.sub}`)); // per token subject, after the token is verified
      const retryAfter = limiter.take(key);
      if (retryAfter > 0) throw tooManyRequests('status', retryAfter);
    }
    const response = this.responses.peek(id) ?? this.responses.load(id);
    if (response instanceof Promise) return response.then((r) => answerFor(who, id, headers, r));
    return answerFor(who, id, headers, response);
  }
}

function answerFor(who: Principal, id: string, headers: IncomingHttpHeaders, response: ReadyResponse | undefined): StatusAnswer {
  // Someone else's order gets the same answer as a missing one, so ids cannot be probed.
  if (!response || !mayAccess(who, response.customerId, id)) throw new DomainError('ORDER_NOT_FOUND', `order ${id} is unknown`, { orderId: id });
  return { notModified: matchesIfNoneMatch(headers['if-none-match'], response.etag), response };
}

function send(reply: FastifyReply, { notModified, response }: StatusAnswer): void {
  reply.header('etag', response.etag).header('cache-control', CACHE_CONTROL).header('vary', 'authorization');
  if (notModified) return void reply.status(304).send();
  reply.status(200).header('content-type', JSON_TYPE).send(response.body);
}
