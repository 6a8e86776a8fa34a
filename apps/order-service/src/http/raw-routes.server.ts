import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { requestIdOf } from '@ot/observability';
import type { FastifyInstance, FastifyServerOptions, preParsingHookHandler } from 'fastify';
import { forPostRoutesUnder, withHookAfter } from './route-hooks';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A route served on node:http before Fastify's router, for requests under `prefix` (`rest` is the URL
 * after it). It answers false having consumed nothing, and Fastify serves the request as ever; or true,
 * having answered it itself or being about to hand it to Fastify (`RawRoutesServer.handOver`).
 */
export type RawRoute = Readonly<{ method: string; prefix: string; serve: (req: IncomingMessage, res: ServerResponse, rest: string) => boolean }>;

/** What a raw route read (a body route's bytes, or the stream's error) and decided before handing a request to Fastify. */
export type HandedOver = Readonly<{ body?: readonly Buffer[]; error?: Error; requestId?: string; decision?: unknown }>;

const handedOver = new WeakMap<IncomingMessage, HandedOver>();

/** For a raw route that answers false: what it took, for the route on Fastify that serves the request next. */
export const leaveForFastify = (req: IncomingMessage, taken: HandedOver): void => void handedOver.set(req, taken);

/**
 * What a raw route decided for a request it left to Fastify, so the route on Fastify sends that decision
 * and does not take the raw route's steps again (a rate-limit charge, an append).
 */
export const rawDecisionOf = <T>(req: IncomingMessage): T | undefined => handedOver.get(req)?.decision as T | undefined;

/**
 * The HTTP server under Fastify (its `serverFactory`): the raw routes see a request first, and everything
 * they leave goes to Fastify as before. Why: for the polled status read and the single-event webhook,
 * Fastify's request and reply, Nest's hooks, guards, pipes and interceptors and the onSend hook cost more
 * per answer than the route's own steps (docs/PERFORMANCE.md, sessions 8 and 14). A raw route takes the
 * common request only, with the route's own steps; every other answer (refusals, errors, the request log's
 * lines) is Fastify's, so error answers keep their one format.
 */
export class RawRoutesServer {
  private routes: readonly RawRoute[] = [];
  private fastify?: Handler;

  /** Mirrors the HTTP/1 server Fastify makes itself (fastify/lib/server.js), with the raw routes in front. */
  readonly serverFactory = (fastify: Handler, options: FastifyServerOptions & { http?: ServerOptions }): Server => {
    this.fastify = fastify;
    const server = createServer(options.http ?? {}, (req, res) => {
      if (!this.served(req, res)) fastify(req, res);
    });
    server.keepAliveTimeout = options.keepAliveTimeout ?? 72_000;
    server.requestTimeout = options.requestTimeout ?? 0;
    server.setTimeout(options.connectionTimeout ?? 0);
    if (options.maxRequestsPerSocket) server.maxRequestsPerSocket = options.maxRequestsPerSocket;
    return server;
  };

  /** Fastify's genReqId: the id a raw route already used for this request (its events carry it), else a new one as ever. */
  readonly genReqId = (req: IncomingMessage): string => handedOver.get(req)?.requestId ?? requestIdOf(req);

  serve(...routes: RawRoute[]): void {
    this.routes = [...this.routes, ...routes];
  }

  /** From now on every request goes to Fastify (it answers 503 while it closes). */
  stop(): void {
    this.routes = [];
  }

  /**
   * Gives Fastify a request whose body a raw route has read (all of it, or up to the stream's `error`):
   * the route's `preParsing` hook (`replayHandedOverBodies`) feeds the same bytes, or the error, to its parser.
   */
  handOver(req: IncomingMessage, res: ServerResponse, taken: HandedOver): void {
    leaveForFastify(req, taken);
    this.fastify!(req, res);
  }

  private served(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url;
    if (url === undefined) return false;
    for (const route of this.routes) {
      if (req.method === route.method && url.startsWith(route.prefix)) return route.serve(req, res, url.slice(route.prefix.length));
    }
    return false;
  }
}

/** Adds, to the body routes under `urlPrefix`, the hook that replays a handed-over body to Fastify's parser. */
export function replayHandedOverBodies(fastify: FastifyInstance, urlPrefix: string): void {
  forPostRoutesUnder(fastify, urlPrefix, (route) => {
    route.preParsing = withHookAfter<preParsingHookHandler>(route.preParsing, replay);
  });
}

const replay: preParsingHookHandler = (request, _reply, payload, done) => {
  const taken = handedOver.get(request.raw);
  if (!taken) return done(null, payload);
  const { error } = taken;
  const chunks = [...(taken.body ?? [])];
  done(
    null,
    new Readable({
      read() {
        if (error) this.destroy(error);
        else this.push(chunks.length ? chunks.shift() : null);
      },
    }),
  );
};
