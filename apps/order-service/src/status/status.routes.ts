import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { OrderStatusRoute } from './order-status.route';

/**
 * The routes served on Fastify directly, outside Nest's controller pipeline (order-status.route.ts
 * says why). This table is the one place they are registered; every other route is a controller.
 */
export const STATUS_ROUTES = [{ method: 'GET', url: '/orders/:id', handler: OrderStatusRoute }] as const;

/** Called by buildApp after Nest has built the providers and before it starts listening. */
export function registerStatusRoutes(app: NestFastifyApplication): void {
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  for (const { method, url, handler } of STATUS_ROUTES) fastify.route({ method, url, handler: app.get(handler).handle });
}
