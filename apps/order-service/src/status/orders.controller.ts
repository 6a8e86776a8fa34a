import { Controller, Get, Param, Req, Res, UseGuards } from '@nestjs/common';
import { DomainError } from '@ot/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimited, RateLimitGuard } from '../http/rate-limit/rate-limit.guard';
import { JwtAuthGuard } from './jwt-auth.guard';
import { canRead, CurrentPrincipal, type Principal } from './principal';
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

  @Get(':id')
  async get(@Param('id') id: string, @CurrentPrincipal() who: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const response = this.responses.peek(id) ?? (await this.responses.load(id));
    // Someone else's order gets the same answer as a missing one, so ids cannot be probed.
    if (!response || !canRead(who, response.customerId)) throw new DomainError('ORDER_NOT_FOUND', `order ${id} is unknown`, { orderId: id });
    reply.header('etag', response.etag).header('cache-control', CACHE_CONTROL).header('vary', 'authorization');
    if (matchesIfNoneMatch(request.headers['if-none-match'], response.etag)) return void reply.status(304).send();
    return void reply.status(200).header('content-type', 'application/json; charset=utf-8').send(response.body);
  }
}
