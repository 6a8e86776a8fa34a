import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ID_MAX_LENGTH } from '@ot/domain';
import { requestLogLevel } from '@ot/observability';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Logger } from 'pino';
import { OrderStatusRoute } from './order-status.route';

/**
 * The routes served on Fastify directly, outside Nest's controller pipeline (order-status.route.ts
 * says why). This table is the one place they are registered; every other route is a controller.
 */
export const STATUS_ROUTES = [{ method: 'GET', url: '/orders/:id', handler: OrderStatusRoute }] as const;

/** Called by buildApp after Nest has built the providers and before it starts listening. */
export function registerStatusRoutes(app: NestFastifyApplication, server: StatusRoutesServer, logger: Logger): void {
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  for (const { method, url, handler } of STATUS_ROUTES) fastify.route({ method, url, handler: app.get(handler).handle });
  server.serve(app.get(OrderStatusRoute), logger);
  // Fastify answers 503 to requests that arrive while it closes; from then on they all go to it.
  fastify.addHook('preClose', (done) => {
    server.stop();
    done();
  });
}

const [{ url: STATUS_URL }] = STATUS_ROUTES;
const PREFIX = STATUS_URL.slice(0, STATUS_URL.indexOf(':'));
/** Ids the router passes on unchanged: nothing percent-encoded, no query, no further segment. */
const PLAIN_ID = /^[\w.~@:-]+$/;

/**
 * The HTTP server under Fastify (its `serverFactory`): a plain `GET /orders/<id>` is offered to
 * OrderStatusRoute on node:http before Fastify's router, and everything else (HEAD, encoded ids,
 * queries, every other route, and whatever the status route hands back) goes to Fastify as before.
 * Why: for the polled read, Fastify's request and reply objects, Nest's four onRequest hooks, middie's
 * and the onSend hook cost more per answer than the route's own steps (docs/PERFORMANCE.md, session 8).
 */
export class StatusRoutesServer {
  private route?: OrderStatusRoute;
  private logger?: Logger;

  /** Mirrors the HTTP/1 server Fastify makes itself (fastify/lib/server.js), with the status route in front. */
  readonly serverFactory = (fastify: (req: IncomingMessage, res: ServerResponse) => void, options: FastifyServerOptions & { http?: ServerOptions }): Server => {
    const server = createServer(options.http ?? {}, (req, res) => {
      if (!this.served(req, res)) fastify(req, res);
    });
    server.keepAliveTimeout = options.keepAliveTimeout ?? 72_000;
    server.requestTimeout = options.requestTimeout ?? 0;
    server.setTimeout(options.connectionTimeout ?? 0);
    if (options.maxRequestsPerSocket) server.maxRequestsPerSocket = options.maxRequestsPerSocket;
    return server;
  };

  serve(route: OrderStatusRoute, logger: Logger): void {
    this.route = route;
    this.logger = logger;
  }

  stop(): void {
    this.route = undefined;
  }

  private served(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url;
    if (!this.route || req.method !== 'GET' || !url?.startsWith(PREFIX)) return false;
    const id = url.slice(PREFIX.length);
    if (id.length > ID_MAX_LENGTH || !PLAIN_ID.test(id)) return false;
    return this.route.serveRaw(req, res, id, this.logger!.isLevelEnabled(requestLogLevel(200)));
  }
}
