import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { maskText } from '../logging/log-masking';
import { REQUEST_ID_HEADER } from '../logging/request-id';

export type ResponseObserver = (request: FastifyRequest, reply: FastifyReply) => void;

/**
 * One Fastify hook for every route, Nest's and the ones registered on Fastify directly (one hook, not
 * an onRequest and an onResponse: the status poll pays for each). Just before the response leaves, the
 * request id goes into `x-request-id`, and the response gets one log line unless it is a 2xx/304
 * (polling would flood the log; those lines appear at debug). `observe` lets the app count responses
 * (metrics) in the same hook.
 */
export function registerRequestLogHooks(fastify: FastifyInstance, logger: Logger, observe?: ResponseObserver): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    observe?.(request, reply);
    const status = reply.statusCode;
    // a probe's 503 is its answer, not a failure: the health controller logs readiness falling and returning
    const level = request.routeOptions.url?.startsWith('/health/') ? 'debug' : requestLogLevel(status);
    if (logger.isLevelEnabled(level)) {
      logger[level](
        {
          reqId: request.id,
          method: request.method,
          route: request.routeOptions.url,
          url: maskText(decoded(request.url)),
          status,
          ms: Math.round(reply.elapsedTime * 10) / 10,
        },
        'request',
      );
    }
    done(null, payload);
  });
}

/** The level of a response's log line: refusals at info, failures at error, the rest (polls) at debug. */
export const requestLogLevel = (status: number): 'error' | 'info' | 'debug' => (status >= 500 ? 'error' : status >= 400 ? 'info' : 'debug');

/** An id in the path may be anything a client typed, an e-mail address included: mask it as the reader would see it. */
function decoded(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
