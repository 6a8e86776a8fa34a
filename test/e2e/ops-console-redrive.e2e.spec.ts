import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@ot/testing';
import { courier, newOrderId, orderPlaced, warehouse } from './support/payloads';
import { startTestApp, type TestApp, tokenFor } from './support/test-app';

/**
 * An order whose SMS could not be sent: the console shows the dead letter on the order, and a signed-in
 * operator re-drives it (cookie + CSRF token); once the channel works again the customer gets the message.
 */
describe('ops console re-drive', () => {
  let t: TestApp;
  let outbox: string;
  beforeAll(async () => {
    outbox = mkdtempSync(join(tmpdir(), 'ops-redrive-'));
    mkdirSync(join(outbox, 'sms.jsonl')); // the SMS "provider" is broken: its file is a directory
    t = await startTestApp({ RUN_NOTIFIER: 'true', NOTIFIER_OUTBOX_DIR: outbox, NOTIFIER_DISPATCH_INTERVAL_MS: '20', NOTIFIER_MAX_ATTEMPTS: '1' });
  });
  afterAll(() => t.close());

  it('shows the dead letter on the order and sends the message after a re-drive', async () => {
    const customer = 'c-redrive';
    const prefs = {
      language: 'en',
      timeZone: 'UTC',
      channels: { 'out-for-delivery': ['sms'], shipped: ['sms'] },
      contacts: { deviceTokens: [], phone: '+15550001111' },
    };
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/customers/${customer}/preferences`,
          headers: { authorization: `Bearer ${tokenFor(customer)}` },
          payload: prefs,
        })
      ).statusCode,
    ).toBe(200);
    const orderId = newOrderId();
    await t.webhook('warehouse', orderPlaced(orderId, customer));
    await t.webhook('warehouse', warehouse(orderId, 'parcel.handed_over', '2026-01-02T10:00:00Z'));
    await t.webhook('courier', courier(orderId, 'OUT_FOR_DELIVERY', '2026-01-04T08:00:00Z'));

    const signIn = await t.app.inject({ method: 'POST', url: '/ops/session', payload: { token: tokenFor('agent-7', 'ops') } });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0];
    const { csrfToken } = (await t.app.inject({ method: 'GET', url: '/ops/api/session', headers: { cookie } })).json();
    const story = async () => (await t.app.inject({ method: 'GET', url: `/ops/api/orders/${orderId}`, headers: { cookie } })).json();

    const dead = await eventually(async () => {
      const letters = (await story()).deadLetters as { notificationId: string; kind: string; attempts: number }[];
      if (letters.length === 0) throw new Error('no dead letter yet');
      return letters;
    });
    expect(dead.map((d) => [d.kind, d.attempts])).toEqual([['out-for-delivery', 1]]);
    expect((await story()).notifications.map((n: { status: string }) => n.status)).toEqual(['superseded', 'transient-failure', 'dead-lettered']); // the held "shipped" gave way to "out for delivery", and the log says so

    rmdirSync(join(outbox, 'sms.jsonl')); // the provider is back
    const redrive = await t.app.inject({
      method: 'POST',
      url: `/ops/api/dead-letters/${encodeURIComponent(dead[0].notificationId)}/redrive`,
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    expect(redrive.statusCode).toBe(202);
    expect(redrive.json()).toEqual({ notificationId: dead[0].notificationId, status: 'queued' });

    const sent = await eventually(() => {
      const file = join(outbox, 'sms.jsonl');
      const lines = existsSync(file)
        ? readFileSync(file, 'utf8')
            .trim()
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l))
        : [];
      if (lines.length === 0) throw new Error('not sent yet');
      return lines;
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: '+15550001111', notificationId: dead[0].notificationId });
    expect((await story()).deadLetters).toEqual([]);

    // the list counts the one message that reached the customer; the model counts every line of the log by channel
    const api = async (url: string) => (await t.app.inject({ method: 'GET', url, headers: { cookie } })).json();
    const row = await eventually(async () => {
      const [r] = (await api(`/ops/api/orders?includeClosed=true`)).items.filter((x: { orderId: string }) => x.orderId === orderId);
      if (r?.notificationsSent !== 1) throw new Error(`not counted yet: ${JSON.stringify(r?.notificationsSent)}`);
      return r;
    });
    expect(row).toMatchObject({ orderId, notificationsSent: 1 });
    expect((await api('/ops/api/model')).notificationOutcomes).toEqual([
      { channel: 'sms', status: 'sent', n: 1 },
      { channel: 'sms', status: 'transient-failure', n: 1 },
      { channel: null, status: 'dead-lettered', n: 1 },
      { channel: null, status: 'superseded', n: 1 },
    ]);
  });
});

/**
 * A message that died while the parcel was on its way and is re-driven once it has arrived would tell the
 * customer something no longer true ("out for delivery today" after "delivered"): both re-drive routes refuse it.
 */
describe('re-driving a dead letter the journey has overtaken', () => {
  let t: TestApp;
  let outbox: string;
  beforeAll(async () => {
    outbox = mkdtempSync(join(tmpdir(), 'ops-redrive-stale-'));
    mkdirSync(join(outbox, 'sms.jsonl'));
    t = await startTestApp({ RUN_NOTIFIER: 'true', NOTIFIER_OUTBOX_DIR: outbox, NOTIFIER_DISPATCH_INTERVAL_MS: '20', NOTIFIER_MAX_ATTEMPTS: '1' });
  });
  afterAll(() => t.close());

  it('answers 409 dead-letter-stale once the order is delivered, keeps the letter, and sends nothing', async () => {
    const customer = 'c-redrive-stale';
    const prefs = { language: 'en', timeZone: 'UTC', channels: { 'out-for-delivery': ['sms'] }, contacts: { deviceTokens: [], phone: '+15550002222' } };
    const put = await t.app.inject({
      method: 'PUT',
      url: `/customers/${customer}/preferences`,
      headers: { authorization: `Bearer ${tokenFor(customer)}` },
      payload: prefs,
    });
    expect(put.statusCode).toBe(200);
    const orderId = newOrderId();
    await t.webhook('warehouse', orderPlaced(orderId, customer));
    await t.webhook('warehouse', warehouse(orderId, 'parcel.handed_over', '2026-01-02T10:00:00Z'));
    await t.webhook('courier', courier(orderId, 'OUT_FOR_DELIVERY', '2026-01-04T08:00:00Z'));
    const ops = { authorization: `Bearer ${tokenFor('agent-7', 'ops')}` };
    const letters = async () =>
      ((await t.app.inject({ method: 'GET', url: '/dead-letters', headers: ops })).json().items as { notificationId: string; orderId: string }[]).filter(
        (d) => d.orderId === orderId,
      );
    const [dead] = await eventually(async () => {
      const found = await letters();
      if (found.length === 0) throw new Error('no dead letter yet');
      return found;
    });
    expect((await t.webhook('courier', courier(orderId, 'DELIVERED', '2026-01-04T15:00:00Z'))).statusCode).toBe(202);
    await eventually(async () => {
      const log = (await t.app.inject({ method: 'GET', url: `/orders/${orderId}/notifications`, headers: ops })).json().attempts as { kind: string }[];
      if (!log.some((a) => a.kind === 'delivered')) throw new Error('the notifier has not seen the delivery yet');
    });
    rmdirSync(join(outbox, 'sms.jsonl')); // the provider is back

    const signIn = await t.app.inject({ method: 'POST', url: '/ops/session', payload: { token: tokenFor('agent-7', 'ops') } });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0];
    const { csrfToken } = (await t.app.inject({ method: 'GET', url: '/ops/api/session', headers: { cookie } })).json();
    const id = encodeURIComponent(dead.notificationId);
    const answers = [
      await t.app.inject({ method: 'POST', url: `/dead-letters/${id}/redrive`, headers: ops }),
      await t.app.inject({ method: 'POST', url: `/ops/api/dead-letters/${id}/redrive`, headers: { cookie, 'x-csrf-token': csrfToken } }),
    ];
    for (const res of answers) {
      expect(res.json()).toMatchObject({ status: 409, type: expect.stringContaining('dead-letter-stale'), detail: expect.stringContaining('Delivered') });
    }
    expect(await letters()).toHaveLength(1); // still there, for ops to see
    await new Promise((resolve) => setTimeout(resolve, 200)); // a few dispatcher beats
    expect(existsSync(join(outbox, 'sms.jsonl'))).toBe(false);
  });
});
