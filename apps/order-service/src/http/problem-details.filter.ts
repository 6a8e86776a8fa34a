import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PROBLEM_CONTENT_TYPE, ProblemException, problemOf } from './problem-details';

/** Every error leaves the service as application/problem+json (registered once, as APP_FILTER). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const problem = problemOf(exception);
    if (problem.status >= 500) this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof ProblemException) reply.headers(exception.headers);
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }
}
