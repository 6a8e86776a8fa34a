import { Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { TokenRejected } from '@ot/access';
import { PROBLEM_CONTENT_TYPE, ProblemException, problemOf, unauthorized } from './problem-details';

const logger = new Logger('ProblemDetails');

/** Sends any error as application/problem+json: for the Nest exception filter and for the route served on Fastify directly. */
export function replyWithProblem(reply: FastifyReply, exception: unknown): void {
  const problem = problemOf(exception);
  if (problem.status >= 500) logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  const carrier = exception instanceof TokenRejected ? unauthorized(exception.reason) : exception;
  if (carrier instanceof ProblemException) reply.headers(carrier.headers);
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
}
