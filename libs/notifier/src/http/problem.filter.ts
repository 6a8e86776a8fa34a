import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

/**
 * Every error leaves as application/problem+json (RFC 9457). Validation failures carry the field
 * messages; anything that is not an HttpException is our bug, logged and answered without internals.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Notifier');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    let status = 500;
    let body: Record<string, unknown> = { type: 'about:blank', title: 'Internal Server Error', status, detail: 'unexpected error' };
    if (error instanceof HttpException) {
      status = error.getStatus();
      const response = error.getResponse();
      const message = typeof response === 'object' && response ? (response as { message?: unknown }).message : response;
      body = { type: 'about:blank', title: error.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'), status };
      if (Array.isArray(message)) Object.assign(body, { detail: 'invalid fields', errors: message });
      else if (typeof message === 'string') body.detail = message;
    } else {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    void reply.status(status).header('content-type', 'application/problem+json').send(body);
  }
}
