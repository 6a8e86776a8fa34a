import type { ExecutionContext } from '@nestjs/common';
import { signedHeaders } from '@ot/partners';
import { FakeClock } from '@ot/testing';
import { ProblemException } from '@ot/http';
import { WebhookSignatureGuard } from './webhook-signature.guard';

const SECRET = 'warehouse-secret-for-tests';
const NOW = new Date('2026-01-01T12:00:00.000Z');
const nowSeconds = NOW.getTime() / 1000;
const body = '{"eventId":"e1"}';

function contextFor(partner: string, headers: Record<string, string | string[]>, raw = body): ExecutionContext {
  const request = { params: { partner }, headers, rawBody: Buffer.from(raw) };
  return { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

function rejection(guard: WebhookSignatureGuard, context: ExecutionContext): string | undefined {
  try {
    guard.canActivate(context);
    return undefined;
  } catch (error) {
    if (!(error instanceof ProblemException)) throw error;
    expect(error.problem.status).toBe(401);
    return error.problem.reason;
  }
}

describe('WebhookSignatureGuard', () => {
  const clock = new FakeClock(NOW);
  const guard = new WebhookSignatureGuard(new Map([['warehouse', SECRET]]), clock);

  it('lets a request signed with the partner secret through', () => {
    expect(rejection(guard, contextFor('warehouse', signedHeaders(SECRET, body, nowSeconds)))).toBeUndefined();
  });

  it.each([
    ['an unknown partner', contextFor('courier', signedHeaders(SECRET, body, nowSeconds)), 'unknown-partner'],
    ['a prototype key as partner', contextFor('constructor', signedHeaders(SECRET, body, nowSeconds)), 'unknown-partner'],
    ['no headers', contextFor('warehouse', {}), 'missing'],
    ['a repeated signature header', contextFor('warehouse', { ...signedHeaders(SECRET, body, nowSeconds), 'x-signature': ['a', 'b'] }), 'missing'],
    ['a non-numeric timestamp', contextFor('warehouse', { ...signedHeaders(SECRET, body, nowSeconds), 'x-signature-timestamp': 'soon' }), 'malformed'],
    ['another secret', contextFor('warehouse', signedHeaders('some-other-secret-value', body, nowSeconds)), 'mismatch'],
    ['other bytes than signed', contextFor('warehouse', signedHeaders(SECRET, body, nowSeconds), `${body} `), 'mismatch'],
    ['301 s old', contextFor('warehouse', signedHeaders(SECRET, body, nowSeconds - 301)), 'stale'],
    ['301 s ahead', contextFor('warehouse', signedHeaders(SECRET, body, nowSeconds + 301)), 'stale'],
  ])('rejects %s', (_label, context, reason) => {
    expect(rejection(guard, context)).toBe(reason);
  });

  it('accepts skew of exactly 5 minutes either way, judged by the injected clock', () => {
    expect(rejection(guard, contextFor('warehouse', signedHeaders(SECRET, body, nowSeconds - 300)))).toBeUndefined();
    expect(rejection(guard, contextFor('warehouse', signedHeaders(SECRET, body, nowSeconds + 300)))).toBeUndefined();
    const later = new WebhookSignatureGuard(new Map([['warehouse', SECRET]]), new FakeClock(new Date(NOW.getTime() + 3_600_000)));
    expect(rejection(later, contextFor('warehouse', signedHeaders(SECRET, body, nowSeconds)))).toBe('stale');
  });
});
