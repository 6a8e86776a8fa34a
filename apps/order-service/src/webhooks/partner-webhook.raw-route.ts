import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ServiceConfig } from '@ot/config';
import type { Partner, PartnerEvent } from '@ot/domain';
import { OpsMetrics, REQUEST_ID_HEADER, requestIdOf, requestLogLevel } from '@ot/observability';
import type { Logger } from 'pino';
import { APP_CONFIG } from '../app.tokens';
import { JsonBodyPipe } from '../http/json-body.pipe';
import { jsonBodyOf, MALFORMED_JSON } from '../http/json-body.parser';
import { WebhookRateLimitGuard } from '../http/rate-limit/rate-limit.guard';
import type { RawRoutesServer } from '../http/raw-routes.server';
import { countWebhook } from '../ops/webhook-outcome.observer';
import { PartnerEventRecorder, statusOf } from './partner-event.recorder';
import { WebhookSignatureGuard } from './webhook-signature.guard';

/** What the route on Fastify answers for a webhook recorded on node:http whose command failed. */
export type RawWebhookFailure = Readonly<{ error: unknown }>;

/** The routes under it take JSON only (json-only.hook.ts) and replay a body handed over (raw-routes.server.ts). */
export const WEBHOOKS_PREFIX = '/webhooks/';
const JSON_TYPE = 'application/json; charset=utf-8';
/**
 * The content types read here: JSON alone or with the one charset the parser decodes (Fastify routes both to the
 * app's JSON parser, which reads UTF-8); any other parameter is left to Fastify's reading of it.
 */
const JSON_BODY = /^application\/json(?:; ?charset=utf-8)?$/i;
/** A Content-Length the body limit can be judged on: no sign, no spaces, not 0. */
const LENGTH = /^[1-9]\d{0,9}$/;

/**
 * POST /webhooks/:partner (one event) on node:http, before Fastify (why: docs/PERFORMANCE.md, session 14).
 * The common request is answered here with the Nest route's steps on the same functions (signature,
 * JSON parser and pipe, validation, rate limit, command, counter) and the bytes Fastify sends; the 202
 * leaves only after the append is durable. Everything else goes to the Nest route, so errors keep one
 * format: untouched before the body is read, else with its bytes replayed. Steps without effect run
 * first and a refused take charges nothing, so such a request reaches Nest with nothing charged; a
 * failed command is handed over with its error, answered there without charging or recording again.
 */
@Injectable()
export class PartnerWebhookRawRoute {
  private readonly bodyLimit: number;
  private readonly pipe = new JsonBodyPipe();

  constructor(
    private readonly signatures: WebhookSignatureGuard,
    private readonly limits: WebhookRateLimitGuard,
    private readonly recorder: PartnerEventRecorder,
    private readonly metrics: OpsMetrics,
    @Inject(APP_CONFIG) config: ServiceConfig,
  ) {
    this.bodyLimit = config.BODY_LIMIT_BYTES;
  }

  /** `partner` is the URL after `/webhooks/`; answers false having read nothing (Fastify serves the request). */
  serveRaw(req: IncomingMessage, res: ServerResponse, partner: string, server: RawRoutesServer, logged: boolean): boolean {
    const { headers } = req;
    const length = headers['content-length'];
    if (
      logged ||
      !this.signatures.knows(partner) ||
      !JSON_BODY.test(headers['content-type'] ?? '') ||
      headers['transfer-encoding'] !== undefined ||
      length === undefined ||
      !LENGTH.test(length) ||
      Number(length) > this.bodyLimit
    )
      return false;
    const chunks: Buffer[] = [];
    const onData = (chunk: Buffer) => void chunks.push(chunk);
    const onError = (error: Error) => {
      req.off('data', onData).off('end', onEnd);
      server.handOver(req, res, { body: chunks, error });
    };
    const onEnd = () => {
      req.off('error', onError);
      this.answer(req, res, partner as Partner, chunks, server);
    };
    req.on('data', onData).once('error', onError).once('end', onEnd);
    return true;
  }

  private answer(req: IncomingMessage, res: ServerResponse, partner: Partner, chunks: Buffer[], server: RawRoutesServer): void {
    const raw = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    const event = this.accepted(req, partner, raw);
    if (!event) return server.handOver(req, res, { body: chunks });
    const requestId = requestIdOf(req); // as Fastify's genReqId; kept for Fastify if the command fails
    this.recorder.record(event, requestId).then(
      (result) => {
        const status = statusOf(result);
        countWebhook(this.metrics, partner, status, false);
        const body = JSON.stringify(result); // Fastify's serialiser without a schema
        // Headers in the order Fastify sends them (content-type, the onSend hook's request id, content-length).
        res.writeHead(status, ['content-type', JSON_TYPE, REQUEST_ID_HEADER, requestId, 'content-length', Buffer.byteLength(body)]);
        res.end(body);
      },
      (error: unknown) => server.handOver(req, res, { body: chunks, requestId, decision: { error } satisfies RawWebhookFailure }),
    );
  }

  /** The event when every step before the command passes, having charged the rate limit; else undefined, nothing charged. */
  private accepted(req: IncomingMessage, partner: Partner, raw: Buffer): PartnerEvent | undefined {
    if (raw.length !== Number(req.headers['content-length']) || this.signatures.rejection(partner, req.headers, raw)) return undefined;
    const body = jsonBodyOf(raw);
    if (body === MALFORMED_JSON) return undefined;
    let event: PartnerEvent;
    try {
      event = this.recorder.eventOf(partner, this.pipe.transform(body));
    } catch {
      return undefined;
    }
    return this.limits.take(partner, body) === 0 ? event : undefined;
  }
}

/** Called by buildApp after Nest has built the providers: single-event webhooks are offered to the raw route first. */
export function registerWebhookRawRoute(app: NestFastifyApplication, server: RawRoutesServer, logger: Logger): void {
  const route = app.get(PartnerWebhookRawRoute);
  server.serve({
    method: 'POST',
    prefix: WEBHOOKS_PREFIX,
    serve: (req, res, partner) => route.serveRaw(req, res, partner, server, logger.isLevelEnabled(requestLogLevel(202))),
  });
}
