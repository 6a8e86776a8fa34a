import { mkdtempSync, rmSync } from 'node:fs';
import { loadConfig } from '@ot/config';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RecordedEvent } from '@ot/application';
import { InProcessMessageBus } from '@ot/messaging';
import { partnerEvent, permanent, placed, preferencesOf, RecordingChannelSender } from '@ot/testing';
import { sign } from 'jsonwebtoken';
import { buildNotifier } from './notifier.bootstrap';

const SECRET = 'test-secret-at-least-16';
const token = (sub: string, role: 'customer' | 'ops') => `Bearer ${sign({ sub, role }, SECRET, { algorithm: 'HS256', expiresIn: 600 })}`;
const ops = token('op-1', 'ops');
const c1 = token('c1', 'customer');
const { contacts, channels } = preferencesOf('c1');
const body = { language: 'en', timeZone: 'Europe/Moscow', quietHours: { start: '22:00', end: '08:00' }, channels, contacts };

const recorded = (globalPosition: number, e: ReturnType<typeof placed> | ReturnType<typeof partnerEvent>): RecordedEvent =>
  ({ ...e, streamId: `order-${e.data.orderId}`, streamVersion: globalPosition, globalPosition, recordedAt: '2026-01-02T11:00:00.000Z' }) as RecordedEvent;

describe('notifier app over HTTP (embedded: in-process bus, SQLite file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ot-notifier-http-'));
  const bus = new InProcessMessageBus<RecordedEvent>({ redeliveryDelayMs: 10 });
  const push = new RecordingChannelSender('push');
  let app: NestFastifyApplication;
  const call = (method: 'GET' | 'PUT' | 'POST', url: string, auth?: string, payload?: object) =>
    app.inject({ method, url, headers: auth ? { authorization: auth } : {}, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    const env = { NODE_ENV: 'test', LOG_LEVEL: 'error', JWT_SECRET: SECRET, NOTIFIER_DB_PATH: join(dir, 'n.db'), NOTIFIER_DISPATCH_INTERVAL_MS: '20' };
    app = await buildNotifier(loadConfig(env), { bus, senders: [push] });
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('guards preferences: 401 without a token, 403 for another customer', async () => {
    expect((await call('GET', '/customers/c1/preferences')).statusCode).toBe(401);
    expect((await call('GET', '/customers/c1/preferences', token('c2', 'customer'))).statusCode).toBe(403);
    expect((await call('GET', '/customers/c1/preferences', `Bearer ${sign({ sub: 'c1', role: 'customer' }, 'another-secret-xxxxx')}`)).statusCode).toBe(401);
  });

  it('rejects a bad body with 400 problem+json naming the fields', async () => {
    const res = await call('PUT', '/customers/c1/preferences', c1, { ...body, timeZone: 'Mars/Base', contacts: { deviceTokens: [], phone: '123' }, extra: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(res.json().errors)).toMatch(/timeZone/);
    expect(JSON.stringify(res.json().errors)).toMatch(/E\.164/);
  });

  it('lets a customer replace and read their own preferences', async () => {
    const put = await call('PUT', '/customers/c1/preferences', c1, body);
    expect(put.statusCode).toBe(200);
    const get = await call('GET', '/customers/c1/preferences', c1);
    expect(get.json()).toEqual({ customerId: 'c1', ...body });
    expect((await call('GET', '/customers/c9/preferences', ops)).statusCode).toBe(404);
  });

  it('stores a time zone by its IANA name whatever its case, and refuses an offset with a 400 naming timeZone', async () => {
    const put = await call('PUT', '/customers/c1/preferences', c1, { ...body, timeZone: 'europe/lisbon' });
    expect(put.json().timeZone).toBe('Europe/Lisbon');
    expect((await call('GET', '/customers/c1/preferences', c1)).json().timeZone).toBe('Europe/Lisbon');
    for (const timeZone of ['UTC+1', '+01:00', '', 'Europe/Lisbon ']) {
      const res = await call('PUT', '/customers/c1/preferences', c1, { ...body, timeZone });
      expect([timeZone, res.statusCode, res.headers['content-type']]).toEqual([timeZone, 400, expect.stringMatching(/application\/problem\+json/)]);
      expect(res.json().errors).toEqual([expect.objectContaining({ field: 'timeZone', message: expect.stringMatching(/IANA/) })]);
    }
    expect((await call('PUT', '/customers/c1/preferences', c1, body)).statusCode).toBe(200);
  });

  it('notifies from the bus, shows the log to ops only, dead-letters and re-drives', async () => {
    push.failNext('tok-1', permanent());
    await bus.publish([
      { key: 'o1', value: recorded(1, placed('o1')) },
      { key: 'o1', value: recorded(2, partnerEvent('OutForDelivery', '2026-01-02T10:00:00.000Z', {}, { orderId: 'o1' })) },
    ]);
    const poll = async (check: () => Promise<boolean>) => {
      for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
    };
    await poll(async () => (await call('GET', '/dead-letters', ops)).json().items.length === 1);
    const dead = (await call('GET', '/dead-letters', ops)).json().items[0];
    expect(dead).toMatchObject({ orderId: 'o1', kind: 'out-for-delivery', attempts: 1 });
    expect((await call('GET', '/dead-letters', c1)).statusCode).toBe(403);

    expect((await call('POST', `/dead-letters/${encodeURIComponent(dead.notificationId)}/redrive`, ops)).statusCode).toBe(202);
    expect((await call('POST', '/dead-letters/nope/redrive', ops)).statusCode).toBe(404);
    await poll(async () => push.sent.length === 1);
    expect(push.sent[0]).toMatchObject({ to: 'tok-1', notificationId: dead.notificationId });

    const log = await call('GET', '/orders/o1/notifications', ops);
    expect(log.json().attempts.map((a: { status: string }) => a.status)).toEqual(['permanent-failure', 'dead-lettered', 'sent']);
    expect((await call('GET', '/orders/o1/notifications', c1)).statusCode).toBe(403);
  });
});
