import { HttpException, HttpStatus } from '@nestjs/common';
import { TokenRejected, type TokenRejection } from '@ot/access';
import { DomainError, type DomainErrorCode } from '@ot/domain';
import { type FieldError, InvalidPayloadError } from './field-errors';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** RFC 9457 problem details, plus `reason` (why auth failed) and `errors` (which fields are wrong). */
export type ProblemDetails = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  reason?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
};

export const problemType = (slug: string): string => `https://order-tracking.example/problems/${slug}`;

/** For rejections decided at the edge (signature, token, malformed JSON) that carry their own problem. */
export class ProblemException extends Error {
  constructor(
    readonly problem: ProblemDetails,
    /** e.g. WWW-Authenticate on a 401. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemException';
  }
}

const DOMAIN_PROBLEMS: Record<DomainErrorCode, { status: number; slug: string; title: string }> = {
  ORDER_NOT_FOUND: { status: 404, slug: 'order-not-found', title: 'Order not found' },
  ORDER_ALREADY_EXISTS: { status: 409, slug: 'order-already-exists', title: 'Order already exists' },
  ILLEGAL_TRANSITION: { status: 409, slug: 'illegal-transition', title: 'Illegal status transition' },
  DUPLICATE_EVENT_ID_CONFLICT: { status: 409, slug: 'duplicate-event-id-conflict', title: 'Event id already used for another event' },
  REQUEST_REFUSED: { status: 409, slug: 'request-refused', title: "Refused in the order's current state" },
  VERSION_CONFLICT: { status: 412, slug: 'version-conflict', title: 'Concurrent update, retry' },
  INVALID_EVENT: { status: 400, slug: 'invalid-event', title: 'Invalid event' },
  ACTION_NOT_ALLOWED: { status: 409, slug: 'action-not-allowed', title: "Action not allowed in the order's state" },
  REQUEST_ID_CONFLICT: { status: 409, slug: 'request-id-conflict', title: 'Request id already used for another action' },
  ACTION_NOT_FOUND: { status: 404, slug: 'action-not-found', title: 'Action not found' },
};

/** Three reasons a caller may learn, never more (an unknown role is just an invalid token). */
const TOKEN_REASON: Record<TokenRejection, 'missing-token' | 'invalid-token' | 'expired-token'> = {
  missing: 'missing-token',
  expired: 'expired-token',
  invalid: 'invalid-token',
  'bad-claims': 'invalid-token',
};

/** The 401 of every route that takes a bearer token, with the WWW-Authenticate header RFC 6750 asks for. */
export function unauthorized(rejection: TokenRejection): ProblemException {
  const reason = TOKEN_REASON[rejection];
  return new ProblemException(
    { type: problemType('unauthorized'), title: 'Not authenticated', status: 401, reason, detail: 'send Authorization: Bearer <token>' },
    { 'www-authenticate': `Bearer error="${reason === 'missing-token' ? 'invalid_request' : 'invalid_token'}"` },
  );
}

/** The 403 of a route a caller may not use (ops-only routes, another customer's preferences). */
export const forbidden = (detail: string): ProblemException =>
  new ProblemException({ type: problemType('forbidden'), title: 'Forbidden', status: 403, detail });

/** A 404 that names what is missing in its type, e.g. notFound('preferences-not-found', ...). */
export const notFound = (slug: string, title: string, detail: string): ProblemException =>
  new ProblemException({ type: problemType(slug), title, status: 404, detail });

/** The 409 of a dead letter re-drive the order has overtaken (it would tell or ask something no longer true); the letter is kept. */
export const deadLetterStale = (detail: string): ProblemException =>
  new ProblemException({ type: problemType('dead-letter-stale'), title: 'Dead letter overtaken by the order', status: 409, detail });

/**
 * The one place errors become HTTP problems, for every route of every process: the exception
 * filter, the fast status route and each item of a webhook batch all answer through it.
 */
export function problemOf(error: unknown): ProblemDetails {
  if (error instanceof ProblemException) return error.problem;
  if (error instanceof TokenRejected) return unauthorized(error.reason).problem;
  if (error instanceof DomainError) {
    const { status, slug, title } = DOMAIN_PROBLEMS[error.code];
    const extra =
      error.code === 'ILLEGAL_TRANSITION'
        ? { from: error.details.from, to: error.details.to }
        : error.code === 'ACTION_NOT_ALLOWED'
          ? { reason: String(error.details.reason) }
          : {};
    return { type: problemType(slug), title, status, detail: error.message, ...extra };
  }
  if (error instanceof InvalidPayloadError) {
    const detail = `invalid fields: ${error.errors.map((e) => e.field).join(', ')}`;
    return { type: problemType('invalid-payload'), title: 'Invalid payload', status: 400, detail, errors: error.errors };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // Nest wraps Fastify's own errors (413 body too large, 415 media type) as HttpExceptions: keep their message.
    return { type: 'about:blank', title: titleOf(status), status, detail: error.message };
  }
  // Anything else is our bug: say nothing about internals; the filter logs the error.
  return { type: 'about:blank', title: titleOf(500), status: 500, detail: 'unexpected error' };
}

function titleOf(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  return name ? name.toLowerCase().replace(/(^|_)(\w)/g, (_m, sep: string, c: string) => `${sep ? ' ' : ''}${c.toUpperCase()}`) : 'Error';
}
