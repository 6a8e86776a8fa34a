import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ID_MAX_LENGTH } from '@ot/domain';
import { requestLogLevel } from '@ot/observability';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { RawRoutesServer } from '../http/raw-routes.server';
import { OrderStatusRoute } from './order-status.route';

/**
 * The routes served on Fastify directly, outside Nest's controller pipeline (order-status.route.ts
 * says why). This table is the one place they are registered; every other route is a controller.
 */
export const STATUS_ROUTES = [{ method: 'GET', url: '/orders/:id', handler: OrderStatusRoute }] as const;

const [{ url: STATUS_URL }] = STATUS_ROUTES;
const PREFIX = STATUS_URL.slice(0, STATUS_URL.indexOf(':'));
/** Ids the router passes on unchanged: nothing percent-encoded, no query, no further segment. */
const PLAIN_ID = /^[\w.~@:-]+$/;

/**
 * Called by buildApp after Nest has built the providers and before it starts listening. A plain
 * `GET /orders/<id>` is offered to OrderStatusRoute on node:http before Fastify's router (the app's
 * RawRoutesServer); HEAD, encoded ids, queries and whatever the route hands back go to Fastify.
 */
export function registerStatusRoutes(app: NestFastifyApplication, server: RawRoutesServer, logger: Logger): void {
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  for (const { method, url, handler } of STATUS_ROUTES) fastify.route({ method, url, handler: app.get(handler).handle });
  const route = app.get(OrderStatusRoute);
  server.serve({
    method: 'GET',
    prefix: PREFIX,
    serve: (req, res, id) => id.length <= ID_MAX_LENGTH && PLAIN_ID.test(id) && route.serveRaw(req, res, id, logger.isLevelEnabled(requestLogLevel(200))),
  });
}
