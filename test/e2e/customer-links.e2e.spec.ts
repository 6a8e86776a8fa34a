import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrderLinkTokens } from '@ot/access';
import { eventually } from '@ot/testing';
import { EtaPipelineRunner } from '../../apps/order-service/src/status/eta-pipeline.runner';
import { courier, newOrderId, orderPlaced } from './support/payloads';
import { JWT_SECRET, startTestApp, type TestApp, tokenFor } from './support/test-app';

const DAY = 86_400_000;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
type Outboxed = { orderId: string; kind: string; to: string; title: string; text: string; html?: string; data?: Record<string, string> };

/**
 * A delay, as the customer receives it: what the notifier wrote to the outbox files (SMS, push,
 * email) carries signed links to the order page, and those links open the page and the order's
 * customer routes, only for that order, until they expire. The summary answers in both languages.
 */
describe('customer links and the plain-language summary', () => {
  let t: TestApp;
  let outbox: string;

  beforeAll(async () => {
    outbox = mkdtempSync(join(tmpdir(), 'links-outbox-'));
    t = await startTestApp({
      RUN_NOTIFIER: 'true',
      RUN_ETA: 'true',
      NOTIFIER_OUTBOX_DIR: outbox,
      NOTIFIER_DISPATCH_INTERVAL_MS: '20',
      PUBLIC_BASE_URL: 'https://track.example.com',
    });
  });
  afterAll(() => t.close());

  const sent = (channel: string): Outboxed[] => {
    const file = join(outbox, `${channel}.jsonl`);
    return existsSync(file)
      ? readFileSync(file, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l))
      : [];
  };
  const get = (url: string, token: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}`, ...headers } });

  async function lateOrder(customerId: string, channel: 'push' | 'sms' | 'email', language: 'en' | 'ru'): Promise<string> {
    const contacts = {
      push: { deviceTokens: ['device-1'] },
      sms: { deviceTokens: [], phone: '+15550003333' },
      email: { deviceTokens: [], email: 'c@example.com' },
    }[channel];
    const prefs = await t.app.inject({
      method: 'PUT',
      url: `/customers/${customerId}/preferences`,
      headers: { authorization: `Bearer ${tokenFor(customerId)}` },
      payload: { language, timeZone: 'UTC', channels: { 'delay-predicted': [channel] }, contacts },
    });
    expect(prefs.statusCode).toBe(200);
    const orderId = newOrderId();
    const now = Date.now();
    const placed = { ...orderPlaced(orderId, customerId, new Date(now - DAY).toISOString()), promisedDate: isoDay(now + 20 * DAY) };
    expect((await t.webhook('warehouse', placed)).statusCode).toBe(202);
    expect((await t.webhook('courier', courier(orderId, 'PICKED_UP', new Date(now - DAY / 2).toISOString()))).statusCode).toBe(202);
    const problem = courier(orderId, 'EXCEPTION', new Date(now - 60_000).toISOString(), { exceptionCode: 'ADDRESS_PROBLEM', reason: 'no house number' });
    expect((await t.webhook('courier', problem)).statusCode).toBe(202);
    await t.app.get(EtaPipelineRunner).settle();
    return orderId;
  }

  const delayMessage = (channel: string, orderId: string): Promise<Outboxed> =>
    eventually(async () => {
      const message = sent(channel).find((m) => m.orderId === orderId && m.kind === 'delay-predicted');
      if (!message) throw new Error(`no ${channel} delay message yet`);
      return message;
    });

  it('writes a short link into the SMS that redirects to a page of that order, in its language', async () => {
    const orderId = await lateOrder('c-links-sms', 'sms', 'ru');
    const sms = await delayMessage('sms', orderId);
    const short = /Что можно сделать: https:\/\/track\.example\.com\/s\/(\S+)$/.exec(sms.text);
    expect(short).not.toBeNull();
    const token = short![1];
    expect(sms.text).not.toContain('c-links-sms'); // no customer id in what the customer's phone shows or forwards

    const redirect = await t.app.inject({ method: 'GET', url: `/s/${token}` });
    expect(redirect.statusCode).toBe(302);
    expect(redirect.headers.location).toBe(`/t/${token}`);
    const page = await t.app.inject({ method: 'GET', url: `/t/${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).toContain('<html lang="ru">');
    expect(page.body).toContain(`"orderId":"${orderId}"`);
    expect((await t.app.inject({ method: 'GET', url: `/t/${token}?lang=en` })).body).toContain('<html lang="en">');
  });

  it('puts the page link in the push data and buttons in the email, each opening that order only', async () => {
    const pushOrder = await lateOrder('c-links-push', 'push', 'en');
    const emailOrder = await lateOrder('c-links-email', 'email', 'en');
    const push = await delayMessage('push', pushOrder);
    expect(push.data?.link).toMatch(/^https:\/\/track\.example\.com\/t\/[\w-]+\.[\w-]+$/);
    expect(push.text).not.toContain('https://');
    const email = await delayMessage('email', emailOrder);
    const buttons = [...email.html!.matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => [m[1].replace(/^.*\/t\/[^?]+/, ''), m[2]]);
    expect(buttons).toEqual([
      ['?action=accept-new-date', 'Accept the new date'],
      ['?action=reschedule-delivery', 'Choose another day'],
      ['?action=switch-to-pickup-point', 'Pick up at a pickup point'],
      ['', 'Open the order page'],
    ]);

    const token = push.data!.link.split('/t/')[1];
    const status = await get(`/orders/${pushOrder}`, token);
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ orderId: pushOrder, delay: { isDelayed: true, reason: 'address-problem' } });
    const summary = await get(`/orders/${pushOrder}/summary?lang=en`, token);
    expect(summary.json().summary).toContain('It is delayed because of a problem with the delivery address.');
    // what the summary offers is what GET /orders/:id/actions allows, and the link may take it
    const actions = (await get(`/orders/${pushOrder}/actions`, token)).json().actions.map((a: { type: string }) => a.type);
    expect(actions).toContain('accept-new-date');
    expect(summary.json().summary).toMatch(/You can accept the new date(, .+)? on the order page\.$/);
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/orders/${pushOrder}/actions`,
      headers: { authorization: `Bearer ${token}` },
      payload: { type: 'accept-new-date', requestId: 'req-link-1' },
    });
    expect(accepted.statusCode).toBe(202);
    expect(accepted.json()).toMatchObject({ type: 'accept-new-date', state: 'confirmed' }); // no partner to ask: accepting a date is done at once
    expect((await get(`/orders/${emailOrder}/actions`, token)).statusCode).toBe(404);
    // the link reaches its order's customer routes and nothing else
    expect((await get(`/orders/${emailOrder}`, token)).statusCode).toBe(404);
    expect((await get(`/orders/${emailOrder}/summary`, token)).statusCode).toBe(404);
    expect((await get('/customers/c-links-push/preferences', token)).statusCode).toBe(403);
    expect((await get(`/orders/${pushOrder}/notifications`, token)).statusCode).toBe(403);
    expect((await get('/ops/api/session', token)).statusCode).not.toBe(200);
    // returns and storage extensions are not on the page, so its link may not ask for them (403); another order stays 404
    const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload });
    const aReturn = { requestId: 'ret-link-1', reason: 'no-longer-needed', method: 'courier' };
    expect((await post(`/orders/${pushOrder}/returns`, aReturn)).statusCode).toBe(403);
    expect((await post(`/orders/${pushOrder}/storage-extension`, { requestId: 'ext-link-1' })).statusCode).toBe(403);
    expect((await post(`/orders/${emailOrder}/returns`, aReturn)).statusCode).toBe(404);
    expect((await post(`/orders/${emailOrder}/storage-extension`, { requestId: 'ext-link-2' })).statusCode).toBe(404);
  });

  it('refuses a tampered or expired link with 401, on the API and on the page', async () => {
    const orderId = newOrderId();
    expect((await t.webhook('warehouse', orderPlaced(orderId, 'c-exp'))).statusCode).toBe(202);
    const links = new OrderLinkTokens(JWT_SECRET);
    const expired = links.issue({ orderId, language: 'en', expiresAt: Date.now() - 60_000 });
    const forged = new OrderLinkTokens('some-other-secret-0123').issue({ orderId, language: 'en', expiresAt: Date.now() + 60_000 });
    expect((await get(`/orders/${orderId}`, expired)).json()).toMatchObject({ status: 401, reason: 'expired-token' });
    expect((await get(`/orders/${orderId}/summary`, forged)).json()).toMatchObject({ status: 401, reason: 'invalid-token' });
    const page = await t.app.inject({ method: 'GET', url: `/t/${expired}`, headers: { 'accept-language': 'ru-RU,ru;q=0.9' } });
    expect(page.statusCode).toBe(401);
    expect(page.body).toContain('Ссылка устарела');
    expect(page.body).not.toContain(orderId);
  });

  it.each([
    ['en;q=0.1, ru;q=0.9', 'Ссылка устарела'],
    ['pt-BR, en-US;q=0.8, ru;q=0.9', 'Ссылка устарела'], // Portuguese is not offered: the next the browser prefers
    ['ru;q=0, en', 'This link has expired'], // q=0: not acceptable
    ['en;q=0.1, pt-BR;q=0.9', 'This link has expired'],
  ])('reads the page language from Accept-Language by its q-values: %s', async (acceptLanguage, text) => {
    const expired = new OrderLinkTokens(JWT_SECRET).issue({ orderId: newOrderId(), language: 'en', expiresAt: Date.now() - 60_000 });
    const page = await t.app.inject({ method: 'GET', url: `/t/${expired}`, headers: { 'accept-language': acceptLanguage } });
    expect(page.statusCode).toBe(401);
    expect(page.body).toContain(text);
  });

  describe('GET /orders/:id/summary', () => {
    it('answers the customer and ops in Russian and English, and no one else', async () => {
      const orderId = newOrderId();
      expect((await t.webhook('warehouse', orderPlaced(orderId, 'c-sum'))).statusCode).toBe(202);
      await t.app.get(EtaPipelineRunner).settle();
      const ru = await eventually(async () => {
        const res = await get(`/orders/${orderId}/summary?lang=ru`, tokenFor('c-sum'));
        if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
        return res.json();
      });
      expect(ru).toEqual({ orderId, language: 'ru', summary: expect.stringMatching(new RegExp(`^Заказ ${orderId} оформлен и ждёт подтверждения оплаты\\.`)) });
      const en = (await get(`/orders/${orderId}/summary?lang=en`, tokenFor('ops-1', 'ops'))).json();
      expect(en.summary).toMatch(new RegExp(`^Order ${orderId} has been placed and is waiting for payment confirmation\\.`));
      expect((await get(`/orders/${orderId}/summary`, tokenFor('c-other'))).statusCode).toBe(404);
      const bad = await get(`/orders/${orderId}/summary?lang=de`, tokenFor('c-sum'));
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].field).toBe('lang');
    });
  });
});
