import type { FastifyInstance, FastifyRequest } from 'fastify';

/** What the webhook routes get as body when the bytes were not JSON; rejected after the signature check. */
export const MALFORMED_JSON = Symbol('malformed JSON');

export type RequestWithRawBody = FastifyRequest & { rawBody?: Buffer };

/**
 * Replaces Fastify's JSON parser with one that keeps the exact bytes (the webhook signature is
 * over them, not over a re-serialisation) and that never fails: a body that is not JSON becomes
 * MALFORMED_JSON, so an unsigned caller gets 401 before learning anything about parsing.
 * Fastify's own parser still does the parsing, keeping its __proto__ poisoning protection.
 */
export function registerJsonBodyParser(fastify: FastifyInstance): void {
  parseJson ??= fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    (request as RequestWithRawBody).rawBody = body as Buffer;
    done(null, jsonBodyOf(body as Buffer, request));
  });
}

/** Fastify's own JSON parser (the same for every instance: a pure function of the text). */
let parseJson: ReturnType<FastifyInstance['getDefaultJsonParser']> | undefined;

/** The body as the webhook routes get it: parsed by Fastify's JSON parser, or MALFORMED_JSON; the parser is synchronous. */
export function jsonBodyOf(raw: Buffer, request?: FastifyRequest): unknown {
  let body: unknown = MALFORMED_JSON;
  void parseJson!(request as FastifyRequest, raw.toString('utf8'), (error, parsed) => {
    if (!error) body = parsed;
  });
  return body;
}

/**
 * One webhook stays under bodyLimit (set on the Fastify adapter); a batch of up to 500 payloads
 * gets its own limit. Set per route so Fastify rejects by Content-Length before reading the body.
 */
export function limitBatchBodies(fastify: FastifyInstance, batchLimitBytes: number): void {
  fastify.addHook('onRoute', (route) => {
    if (route.url.endsWith('/batch')) route.bodyLimit = batchLimitBytes;
  });
}
