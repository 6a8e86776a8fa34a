import { ID_MAX_LENGTH } from '@ot/domain';
import type { FastifyError, FastifyReply, FastifyServerOptions } from 'fastify';
import { ProblemException, problemType, replyWithProblem } from '@ot/http';

const DETAIL_OF: Record<string, { slug: string; title: string; detail: string }> = {
  FST_ERR_MAX_PARAM_LENGTH: {
    slug: 'uri-too-long',
    title: 'URI Too Long',
    detail: `a path parameter is longer than ${ID_MAX_LENGTH} characters, longer than any id we accept`,
  },
  FST_ERR_BAD_URL: { slug: 'bad-url', title: 'Bad Request', detail: 'the path is not valid percent-encoded UTF-8' },
};

/**
 * The router's limits and its own rejections. A path parameter may be as long as the longest id
 * the webhooks accept (the router counts decoded UTF-16 units, as the id rule does), so every
 * accepted id is readable through GET /orders/:id; what the router itself refuses (too long, bad
 * encoding) leaves as problem+json like every other error, not as Fastify's own JSON.
 */
export const routerOptions: Pick<FastifyServerOptions, 'routerOptions' | 'frameworkErrors'> = {
  routerOptions: { maxParamLength: ID_MAX_LENGTH },
  frameworkErrors: (error: FastifyError, _request, reply: FastifyReply) => {
    const known = DETAIL_OF[error.code];
    const status = error.statusCode ?? 400;
    const problem = known
      ? { type: problemType(known.slug), title: known.title, status, detail: known.detail }
      : { type: 'about:blank', title: 'Bad Request', status, detail: error.message };
    replyWithProblem(reply, new ProblemException(problem));
  },
};
