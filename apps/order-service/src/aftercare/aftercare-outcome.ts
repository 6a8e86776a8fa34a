import type { CommandOutcome } from '@ot/application';
import type { FastifyReply } from 'fastify';

/** 201 when the request was recorded now, 200 for a repeat of one already recorded; the body names the events either way. */
export function answer<T>(reply: FastifyReply, outcome: CommandOutcome, body: T): T {
  reply.status(outcome.outcome === 'appended' ? 201 : 200);
  return body;
}
