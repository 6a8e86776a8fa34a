import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signedHeaders } from '@ot/partners';
import { courier, newOrderId, orderPlaced } from '../e2e/support/payloads';
import { eventually, privateDataEnv } from '@ot/testing';
import { JWT_SECRET, SECRETS, tokenFor } from '../e2e/support/test-app';
import { type Child, freePort, spawnTs, stop, waitForHttp } from '../reliability/support/child-process.support';

/**
 * Secrets and PII never reach the logs: the order-service (with its embedded notifier) runs as a
 * child at the most verbose level, every byte it prints is kept, and a run exercising bad and good
 * signatures, tokens, preferences with contacts, notifications sent and failing (SMTP refused),
 * and order ids that are contact details must print none of the secrets, tokens, phone numbers,
 * e-mail addresses or device tokens. Every line is JSON, and a webhook's request id is on its line.
 */
const PHONE = '+15557654321';
const EMAIL = 'private.person@example.org';
const DEVICE_TOKEN = 'device-token-4f9a8b7c6d5e4f3a2b1c';

describe('log hygiene (order-service + embedded notifier child, every line captured)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ot-log-hygiene-'));
  let service: Child;
  let base = '';
  let notifier = '';
  const tokens: string[] = [];
  const token = (...args: Parameters<typeof tokenFor>) => {
    const t = tokenFor(...args);
    tokens.push(t);
    return t;
  };
  afterAll(async () => {
    await stop(service);
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints no secret, token, phone, e-mail or device token', async () => {
    const [port, closedSmtpPort] = [await freePort(), await freePort()];
    base = `http://127.0.0.1:${port}`;
    notifier = base; // the embedded notifier's routes share the one port
    service = spawnTs('apps/order-service/src/main.ts', {
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'verbose',
      EVENT_STORE: 'sqlite',
      ...privateDataEnv(dir),
      NOTIFIER_DISPATCH_INTERVAL_MS: '20',
      SMTP_URL: `smtp://127.0.0.1:${closedSmtpPort}`,
      MAIL_FROM: 'Orders <orders@shop.example>',
      JWT_SECRET,
      WEBHOOK_SECRET_WAREHOUSE: SECRETS.warehouse,
      WEBHOOK_SECRET_COURIER: SECRETS.courier,
      WEBHOOK_SECRET_PICKUP_POINT: SECRETS['pickup-point'],
    });
    await waitForHttp(service, `${base}/orders/none`);
    await waitForHttp(service, `${notifier}/dead-letters`);

    const send = (path: string, body: unknown, headers: Record<string, string>, method = 'POST') =>
      fetch(`${base}${path}`, { method, body: typeof body === 'string' ? body : JSON.stringify(body), headers });
    const webhook = (partner: keyof typeof SECRETS, body: unknown, secret: string = SECRETS[partner]) =>
      send(`/webhooks/${partner}`, body, signedHeaders(secret, JSON.stringify(body)));

    // Preferences with every kind of contact, then a bad body that carries them too (400 path).
    const prefs = {
      language: 'en',
      timeZone: 'UTC',
      channels: { 'promise-broken': ['email', 'sms', 'push'], shipped: ['push'] },
      contacts: { deviceTokens: [DEVICE_TOKEN], phone: PHONE, email: EMAIL },
    };
    const c1 = { 'content-type': 'application/json', authorization: `Bearer ${token('c1')}` };
    expect((await fetch(`${notifier}/customers/c1/preferences`, { method: 'PUT', body: JSON.stringify(prefs), headers: c1 })).status).toBe(200);
    const c2Prefs = { ...prefs, channels: { 'promise-broken': ['sms', 'push'] } }; // these two are sent (outbox files)
    expect(
      (
        await fetch(`${notifier}/customers/c2/preferences`, {
          method: 'PUT',
          body: JSON.stringify(c2Prefs),
          headers: { ...c1, authorization: `Bearer ${token('c2')}` },
        })
      ).status,
    ).toBe(200);
    const bad = { ...prefs, timeZone: 'Mars/Base', contacts: { deviceTokens: [DEVICE_TOKEN], phone: `${PHONE}x`, email: `${EMAIL}@@` } };
    expect((await fetch(`${notifier}/customers/c1/preferences`, { method: 'PUT', body: JSON.stringify(bad), headers: c1 })).status).toBe(400);

    // Webhooks: good, bad signature, wrong secret, malformed JSON after a good signature.
    const orderId = newOrderId();
    const sentOrder = newOrderId();
    expect((await webhook('warehouse', orderPlaced(orderId, 'c1'))).status).toBe(202);
    expect((await webhook('warehouse', orderPlaced(sentOrder, 'c2'))).status).toBe(202);
    expect((await webhook('courier', courier(orderId, 'PICKED_UP', '2026-01-02T09:00:00Z'), SECRETS.warehouse)).status).toBe(401);
    expect((await send('/webhooks/courier', '{"not json', signedHeaders(SECRETS.courier, '{"not json'))).status).toBe(400);
    expect(
      (await send('/webhooks/courier', '{}', { 'content-type': 'application/json', 'x-signature-timestamp': '1', 'x-signature': `sha256=${'0'.repeat(64)}` }))
        .status,
    ).toBe(401);

    // Tokens: valid, expired, wrong secret, ops.
    for (const t of [
      token('c1'),
      token('c1', 'customer', { expiresIn: -5 }),
      token('c1', 'customer', { secret: 'some-other-secret-123' }),
      token('ops-1', 'ops'),
    ]) {
      await fetch(`${base}/orders/${orderId}`, { headers: { authorization: `Bearer ${t}` } });
      await fetch(`${notifier}/orders/${orderId}/notifications`, { headers: { authorization: `Bearer ${t}` } });
    }
    // Ids that are contact details end up in request lines (404 and 401 are logged at the default level).
    for (const id of [EMAIL, PHONE]) {
      await fetch(`${base}/orders/${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${token('c1')}` } });
      await fetch(`${base}/orders/${encodeURIComponent(id)}`);
    }
    const tracedBody = JSON.stringify(orderPlaced(newOrderId(), 'c1'));
    const traced = await send('/webhooks/warehouse', tracedBody, { ...signedHeaders(SECRETS.warehouse, tracedBody), 'x-request-id': 'hygiene-webhook-1' });
    expect([traced.status, traced.headers.get('x-request-id')]).toEqual([202, 'hygiene-webhook-1']);

    // The delay reactor breaks the (past) promise: push and sms go to the outbox files, email fails (SMTP refused).
    const ops = { authorization: `Bearer ${token('ops-1', 'ops')}` };
    const attempts = await eventually(
      async () => {
        const { attempts: log } = (await (await fetch(`${notifier}/orders/${orderId}/notifications`, { headers: ops })).json()) as {
          attempts: { status: string; channel: string }[];
        };
        const { attempts: sent } = (await (await fetch(`${notifier}/orders/${sentOrder}/notifications`, { headers: ops })).json()) as {
          attempts: { status: string }[];
        };
        expect(log.some((a) => a.channel === 'email' && a.status !== 'sent')).toBe(true);
        expect(sent.some((a) => a.status === 'sent')).toBe(true);
        return [...log, ...sent];
      },
      { timeoutMs: 20_000, everyMs: 200 },
    );

    await stop(service); // shutdown messages are output too
    const output = service.output();
    const forbidden: Record<string, string> = {
      ...Object.fromEntries(Object.entries(SECRETS).map(([p, s]) => [`webhook secret ${p}`, s])),
      'JWT secret': JWT_SECRET,
      phone: PHONE,
      'phone digits': PHONE.slice(1),
      email: EMAIL,
      'email, URL-encoded': encodeURIComponent(EMAIL),
      'device token': DEVICE_TOKEN,
      ...Object.fromEntries(tokens.map((t, i) => [`JWT #${i}`, t])),
      ...Object.fromEntries(tokens.map((t, i) => [`JWT #${i} signature`, t.split('.')[2]])),
    };
    const leaks = Object.entries(forbidden)
      .filter(([, value]) => output.includes(value))
      .map(([name]) => name);
    console.log(
      `log hygiene: ${output.split('\n').length} lines captured, ${Object.keys(forbidden).length} secret/PII values checked, ${attempts.length} notification attempts, leaks: ${leaks.length ? leaks.join(', ') : 'none'}`,
    );
    expect(output.length).toBeGreaterThan(0); // the capture works
    expect(leaks).toEqual([]);
    const lines = output.split('\n').filter((l) => l.trim());
    const notJson = lines.filter((l) => {
      try {
        return typeof JSON.parse(l) !== 'object';
      } catch {
        return true;
      }
    });
    expect(notJson).toEqual([]);
    expect(lines.map((l) => JSON.parse(l) as { reqId?: string }).filter((l) => l.reqId === 'hygiene-webhook-1')).toHaveLength(1);
  }, 60_000);
});
