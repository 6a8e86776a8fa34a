import { mkdtempSync, rmSync } from 'node:fs';
import { loadConfig } from '@ot/config';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { sign } from 'jsonwebtoken';
import { buildNotifier } from '@ot/notifier';
import { eventually, RecordingChannelSender } from '@ot/testing';
import { courier, newOrderId, orderPlaced } from '../e2e/support/payloads';
import { JWT_SECRET, startTestApp, type TestApp, tokenFor } from '../e2e/support/test-app';
import { expectProblem, unsignedToken } from './support/security.support';

/** Nobody reads an order that is not theirs; ops-only endpoints stay ops-only; tokens are checked strictly. */
describe('access: order-service status API', () => {
  let t: TestApp;
  const orderId = newOrderId();
  // Distinctive, so finding it in a body means a leak, not a coincidence with a random order id.
  const OWNER = 'owner-customer-77';
  beforeAll(async () => {
    t = await startTestApp();
    expect((await t.webhook('warehouse', orderPlaced(orderId, OWNER))).statusCode).toBe(202);
    await eventually(async () => expect((await t.getOrder(orderId, tokenFor(OWNER))).statusCode).toBe(200));
  });
  afterAll(() => t.close());

  const cases = [
    { label: 'no token', token: null, status: 401, reason: 'missing-token' },
    { label: 'expired token', token: tokenFor(OWNER, 'customer', { expiresIn: -10 }), status: 401, reason: 'expired-token' },
    {
      label: 'token signed with another secret',
      token: tokenFor(OWNER, 'customer', { secret: 'not-the-jwt-secret-xyz' }),
      status: 401,
      reason: 'invalid-token',
    },
    { label: 'alg=none token', token: unsignedToken(OWNER, 'customer'), status: 401, reason: 'invalid-token' },
    {
      label: 'unknown role',
      token: sign({ sub: OWNER, role: 'admin' }, JWT_SECRET, { algorithm: 'HS256', expiresIn: 600 }),
      status: 401,
      reason: 'invalid-token',
    },
    { label: 'token without exp', token: sign({ sub: OWNER, role: 'customer' }, JWT_SECRET, { algorithm: 'HS256' }), status: 401, reason: 'invalid-token' },
    { label: 'another customer', token: tokenFor('c2'), status: 404, reason: undefined },
  ];

  it.each(cases)('$label -> $status problem, no order data', async ({ token, status, reason }) => {
    const res = await t.getOrder(orderId, token);
    const body = expectProblem(res, status);
    if (reason) expect(body.reason).toBe(reason);
    expect(res.body).not.toContain(OWNER); // neither the owner nor anything of the document leaks
    expect(res.body).not.toContain('Rio de Janeiro');
  });

  it('the owner and ops read it; an unknown order is the same 404 as a foreign one', async () => {
    expect((await t.getOrder(orderId, tokenFor(OWNER))).statusCode).toBe(200);
    expect((await t.getOrder(orderId, tokenFor('agent-1', 'ops'))).statusCode).toBe(200);
    const foreign = await t.getOrder(orderId, tokenFor('c2'));
    const unknown = await t.getOrder(newOrderId(), tokenFor('c2'));
    expect(foreign.json().title).toBe(unknown.json().title);
  });
});

describe('access: notifier ops endpoints', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ot-access-notifier-'));
  let app: NestFastifyApplication;
  beforeAll(async () => {
    const env = { NODE_ENV: 'test', LOG_LEVEL: 'error', JWT_SECRET, NOTIFIER_DB_PATH: join(dir, 'n.db') };
    app = await buildNotifier(loadConfig(env), { senders: [new RecordingChannelSender('push')] });
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = (method: 'GET' | 'POST', url: string, token?: string) => app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it.each([
    ['GET', '/dead-letters'],
    ['POST', '/dead-letters/x/redrive'],
    ['GET', '/orders/o-1/notifications'],
  ] as const)('%s %s: 401 without or with a bad token, 403 for a customer, open to ops', async (method, url) => {
    expect((await call(method, url)).statusCode).toBe(401);
    expect((await call(method, url, unsignedToken('agent-1', 'ops'))).statusCode).toBe(401);
    expect((await call(method, url, tokenFor('agent-1', 'ops', { expiresIn: -10 }))).statusCode).toBe(401);
    expect((await call(method, url, tokenFor('c1'))).statusCode).toBe(403);
    expect([200, 404]).toContain((await call(method, url, tokenFor('agent-1', 'ops'))).statusCode);
  });
});

describe('access: rate limiting (token buckets from env)', () => {
  let t: TestApp;
  const orderId = newOrderId();
  beforeAll(async () => {
    t = await startTestApp({ STATUS_RATE_PER_SECOND: '1', STATUS_BURST: '3', WEBHOOK_RATE_PER_SECOND: '1', WEBHOOK_BURST: '4' });
  });
  afterAll(() => t.close());

  it('webhooks: per partner; past the burst 429 problem with Retry-After, other partners unaffected', async () => {
    expect((await t.webhook('warehouse', orderPlaced(orderId, 'c1'))).statusCode).toBe(202);
    for (let i = 0; i < 3; i++) expect((await t.webhook('warehouse', orderPlaced(newOrderId()))).statusCode).toBe(202);
    const limited = await t.webhook('warehouse', orderPlaced(newOrderId()));
    expect(expectProblem(limited, 429).retryAfterSeconds).toBe(1);
    expect(limited.headers['retry-after']).toBe('1');
    expect((await t.webhook('courier', courier(orderId, 'PICKED_UP', '2026-01-02T09:00:00Z'))).statusCode).toBe(202);
  });

  it('webhooks: an unsigned flood does not spend the partner bucket (401 before the limiter)', async () => {
    for (let i = 0; i < 10; i++) expect((await t.webhook('pickup-point', {}, { secret: 'wrong-secret-0123456789' })).statusCode).toBe(401);
    const signed = await t.webhook('pickup-point', { id: 'pp-x', orderId: newOrderId(), kind: 'ARRIVED', at: '2026-01-03T10:00:00Z' });
    expect(signed.statusCode).not.toBe(429); // the real partner still gets through to validation
  });

  it('status reads: per token subject; a fresh token for the same customer does not reset it', async () => {
    await eventually(async () => expect((await t.getOrder(orderId, tokenFor('agent-9', 'ops'))).statusCode).toBe(200), { everyMs: 1100 });
    for (let i = 0; i < 3; i++) expect((await t.getOrder(orderId, tokenFor('c1'))).statusCode).toBe(200);
    const limited = await t.getOrder(orderId, tokenFor('c1', 'customer', { expiresIn: 900 }));
    expectProblem(limited, 429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await t.getOrder(orderId, tokenFor('c2'))).statusCode).toBe(404); // someone else still gets their answer
  });
});
