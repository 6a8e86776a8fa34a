import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction, onRequestHookHandler } from 'fastify';
import { ProblemException, problemType, replyWithProblem } from '@ot/http';
import { forPostRoutesUnder, withHookAfter } from './route-hooks';

/**
 * The POST routes under `urlPrefix` take JSON only. Checked on the request line and headers,
 * before the body is read and before any guard: a body in another format (text/plain, which
 * Fastify parses by default, included) gets 415 rather than a misleading 401 from a signature
 * checked over bytes that were never going to be read as JSON.
 */
export function acceptOnlyJson(fastify: FastifyInstance, urlPrefix: string): void {
  forPostRoutesUnder(fastify, urlPrefix, (route) => {
    route.onRequest = withHookAfter<onRequestHookHandler>(route.onRequest, rejectNonJson);
  });
}

function rejectNonJson(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const mediaType = request.headers['content-type']?.split(';', 1)[0].trim().toLowerCase();
  if (mediaType === 'application/json') return done();
  const detail = `Content-Type must be application/json, not ${mediaType ? mediaType.slice(0, 100) : 'absent'}`;
  replyWithProblem(reply, new ProblemException({ type: problemType('unsupported-media-type'), title: 'Unsupported Media Type', status: 415, detail }));
}
