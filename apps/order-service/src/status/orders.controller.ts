import { Controller, Get, Req, Res, UseGuards } from '@nestjs/common';
import { DomainError } from '@ot/domain';
import type { FastifyReply } from 'fastify';
import { RateLimited, RateLimitGuard } from '../http/rate-limit/rate-limit.guard';
import { JwtAuthGuard } from './jwt-auth.guard';
import { canRead, principalOf, type RequestWithPrincipal } from './principal';
import { matchesIfNoneMatch, StatusResponseCache } from './status-response.cache';

/**
 * private: the body is one customer's data, so shared caches must not keep it.
 * no-cache: clients may store it but must revalidate each poll; with the ETag that is a cheap
 * 304 without a body, and a status change is seen on the very next poll (max-age would hide it).
 */
const CACHE_CONTROL = 'private, no-cache';

@Controller('orders')
@UseGuards(JwtAuthGuard, RateLimitGuard) // per token subject, after the token is verified
@RateLimited('status')
export class OrdersController {
  constructor(private readonly responses: StatusResponseCache) {}

  /** `:id` is read from the request, not with @Param: one Nest param resolver (and await) less per poll. */
  @Get(':id')
  async get(@Req() request: RequestWithPrincipal, @Res() reply: FastifyReply): Promise<void> {
    const { id } = request.params as { id: string };
    const response = this.responses.peek(id) ?? (await this.responses.load(id));
    // Someone else's order gets the same answer as a missing one, so ids cannot be probed.
    if (!response || !canRead(principalOf(request), response.customerId)) throw new DomainError('ORDER_NOT_FOUND', `order ${id} is unknown`, { orderId: id });
    reply.header('etag', response.etag).header('cache-control', CACHE_CONTROL).header('vary', 'authorization');
    if (matchesIfNoneMatch(request.headers['if-none-match'], response.etag)) return void reply.status(304).send();
    return void reply.status(200).header('content-type', 'application/json; charset=utf-8').send(response.body);
  }
}
