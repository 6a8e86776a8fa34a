import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import Fastify from 'fastify';
import { exitWithParent, signalReady } from '../lib/child';

/**
 * What the frameworks cost before the service does anything: the floor under each ratio.
 *   FLOOR_MODE=ingest: a NestJS app on Fastify (as the order service) whose webhook route takes the
 *     parsed JSON body and answers 202 with the same small JSON as the bare server: no guard, no store.
 *   FLOOR_MODE=status: a plain Fastify GET /orders/:id (the layer OrderStatusRoute runs on) sending a
 *     constant JSON of FLOOR_BODY_BYTES with the service's headers: no token, no lookup.
 */
@Controller('webhooks/:partner')
class FloorWebhooksController {
  @Post()
  @HttpCode(202)
  receive(@Param('partner') _partner: string, @Body() body: { orderId?: string }): { orderId?: string; outcome: string } {
    return { orderId: body.orderId, outcome: 'appended' };
  }
}

@Module({ controllers: [FloorWebhooksController] })
class FloorModule {}

async function listen(): Promise<number> {
  if (process.env.FLOOR_MODE === 'status') {
    const size = Number(process.env.FLOOR_BODY_BYTES ?? 1000);
    const body = Buffer.from(JSON.stringify({ orderId: 'x', pad: 'p'.repeat(Math.max(0, size - 24)) }));
    const fastify = Fastify();
    fastify.get('/orders/:id', (_request, reply) => {
      reply.header('etag', '"1"').header('cache-control', 'private, no-cache').header('vary', 'authorization');
      reply.status(200).header('content-type', 'application/json; charset=utf-8').send(body);
    });
    await fastify.listen({ port: 0, host: '127.0.0.1' });
    exitWithParent(() => fastify.close());
    return (fastify.server.address() as { port: number }).port;
  }
  const app = await NestFactory.create<NestFastifyApplication>(FloorModule, new FastifyAdapter(), { logger: false });
  await app.listen(0, '127.0.0.1');
  exitWithParent(() => app.close());
  return (app.getHttpServer().address() as { port: number }).port;
}

listen()
  .then((port) => signalReady({ port }))
  .catch((error) => {
    console.error('framework floor server failed to start', error);
    process.exit(1);
  });
