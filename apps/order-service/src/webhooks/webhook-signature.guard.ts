import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@ot/application';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from '@ot/partners';
import { WALL_CLOCK, WEBHOOK_SECRETS } from '../app.tokens';
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestWithRawBody } from '../http/json-body.parser';
import { rawDecisionOf } from '../http/raw-routes.server';
import { ProblemException, problemType } from '@ot/http';

type Reason = 'unknown-partner' | 'missing' | 'malformed' | 'stale' | 'mismatch';

const DETAIL: Record<Reason, string> = {
  'unknown-partner': 'no webhook is configured for this partner',
  missing: `${SIGNATURE_HEADER} and ${TIMESTAMP_HEADER} headers are required`,
  malformed: `${TIMESTAMP_HEADER} must be unix seconds and ${SIGNATURE_HEADER} sha256=<64 hex>`,
  stale: `${TIMESTAMP_HEADER} is more than 5 minutes away from our clock`,
  mismatch: 'the signature does not match the body',
};

/**
 * Authenticates a partner by the HMAC over the raw bytes it sent (see @ot/partners for the
 * scheme). An unknown partner is a 401 like a bad signature: there is no secret to check against.
 */
@Injectable()
export class WebhookSignatureGuard implements CanActivate {
  constructor(
    @Inject(WEBHOOK_SECRETS) private readonly secrets: ReadonlyMap<string, string>,
    @Inject(WALL_CLOCK) private readonly clock: Clock,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<RequestWithRawBody>();
    if (rawDecisionOf(request.raw)) return true; // checked on node:http, which handed over only a later failure (PartnerWebhookRawRoute)
    const reason = this.rejection((request.params as { partner?: string }).partner ?? '', request.headers, request.rawBody ?? Buffer.alloc(0));
    if (reason) throw rejected(reason);
    return true;
  }

  knows(partner: string): boolean {
    return this.secrets.has(partner);
  }

  /** Why these bytes do not authenticate `partner`, or undefined when they do. */
  rejection(partner: string, requestHeaders: IncomingHttpHeaders, rawBody: Buffer): Reason | undefined {
    const secret = this.secrets.get(partner); // a Map, so "constructor" or "__proto__" find nothing
    if (!secret) return 'unknown-partner';
    const headers = { signature: single(requestHeaders[SIGNATURE_HEADER]), timestamp: single(requestHeaders[TIMESTAMP_HEADER]) };
    const check = verifyWebhook(secret, headers, rawBody, Math.floor(this.clock.now().getTime() / 1000));
    return check.ok ? undefined : check.reason;
  }
}

/** A header sent twice is ambiguous: treat it as missing rather than guess which one was signed. */
const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? undefined : value);

const rejected = (reason: Reason): ProblemException =>
  new ProblemException({ type: problemType('invalid-signature'), title: 'Webhook not authenticated', status: 401, reason, detail: DETAIL[reason] });
