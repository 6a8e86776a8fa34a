import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { replyWithProblem } from './problem-details.reply';

/** Every error leaves the service as application/problem+json (registered once, as APP_FILTER). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    replyWithProblem(host.switchToHttp().getResponse<FastifyReply>(), exception);
  }
}
