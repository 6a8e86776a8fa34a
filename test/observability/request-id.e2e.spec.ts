import type { EventStore } from '@ot/application';
import { streamIdOf } from '@ot/domain';
import { eventually } from '@ot/testing';
import { EVENT_STORE } from '../../apps/order-service/src/app.tokens';
import { devToken, type OpsApp, readmeWebhooks, startOpsApp } from './support/ops-app';

/**
 * An operator follows one webhook to the message it caused by its request id: the partner's
 * x-request-id (or one the service made up) comes back on the response, is stored with the events
 * the webhook appended, and is on the notifier's attempt log line for the message those events caused.
 */
describe('request id: webhook -> events -> notification attempt', () => {
  let t: OpsApp;
  beforeAll(async () => {
    t = await startOpsApp();
  });
  afterAll(() => t.close());

  it("carries the partner's x-request-id from its webhook to the events and to the push they caused", async () => {
    const orderId = `o-${Date.now()}`;
    const prefs = { language: 'en', timeZone: 'UTC', channels: { 'out-for-delivery': ['push'] }, contacts: { deviceTokens: ['device-1'] } };
    const put = await t.notifier.inject({
      method: 'PUT',
      url: '/customers/c1/preferences',
      payload: prefs,
      headers: { authorization: `Bearer ${devToken('c1')}` },
    });
    expect(put.statusCode).toBe(200);

    const [placed, pickedUp] = readmeWebhooks(orderId);
    const first = await t.webhook(placed.partner, placed.raw, { 'x-request-id': 'partner-req-1' });
    const second = await t.webhook(pickedUp.partner, pickedUp.raw, { 'x-request-id': 'partner-req-2' });
    const outForDelivery = JSON.stringify({
      trackingEventId: `trk-${orderId}-2`,
      shipmentRef: orderId,
      status: 'OUT_FOR_DELIVERY',
      timestamp: '2026-01-03T08:00:00Z',
    });
    const third = await t.webhook('courier', outForDelivery, { 'x-request-id': 'partner-req-3' });
    expect([first.statusCode, second.statusCode, third.statusCode]).toEqual([202, 202, 202]);
    expect([first, second, third].map((r) => r.headers['x-request-id'])).toEqual(['partner-req-1', 'partner-req-2', 'partner-req-3']);

    const { events } = await t.app.get<EventStore>(EVENT_STORE).readStream(streamIdOf(orderId));
    const partnerEvents = events.filter((e) => ['OrderPlaced', 'HandedToCarrier', 'OutForDelivery'].includes(e.type));
    expect(partnerEvents.map((e) => [e.type, e.metadata?.requestId])).toEqual([
      ['OrderPlaced', 'partner-req-1'],
      ['HandedToCarrier', 'partner-req-2'],
      ['OutForDelivery', 'partner-req-3'],
    ]);

    const ops = { authorization: `Bearer ${devToken('ops-1', 'ops')}` };
    const pushed = await eventually(async () => {
      const res = await t.notifier.inject({ method: 'GET', url: `/orders/${orderId}/notifications`, headers: ops });
      const { attempts } = res.json() as { attempts: { kind: string; status: string; channel?: string; requestId?: string }[] };
      const sent = attempts.filter((a) => a.kind === 'out-for-delivery');
      if (!sent.length) throw new Error(`no out-for-delivery attempt yet: ${JSON.stringify(attempts)}`);
      return sent;
    });
    expect(pushed).toEqual([expect.objectContaining({ kind: 'out-for-delivery', channel: 'push', status: 'sent', requestId: 'partner-req-3' })]);
  });

  it('makes up an id when none (or an unusable one) is given, and answers with it', async () => {
    const none = await t.get('/orders/x');
    const unusable = await t.get('/orders/x', { 'x-request-id': 'has spaces and {"json"}' });
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    expect(none.headers['x-request-id']).toMatch(uuid);
    expect(unusable.headers['x-request-id']).toMatch(uuid);
    expect(unusable.headers['x-request-id']).not.toBe(none.headers['x-request-id']);
  });

  it('logs JSON lines: one per refused request, with its id; none for a 2xx at the default level', async () => {
    const before = t.logs().length;
    const ok = await t.get('/health/live', { 'x-request-id': 'poll-ok' });
    const refused = await t.get('/orders/x', { 'x-request-id': 'poll-refused' });
    expect([ok.statusCode, refused.statusCode]).toEqual([200, 401]);
    const lines = t
      .logs()
      .slice(before)
      .filter((l) => l.msg === 'request');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', reqId: 'poll-refused', method: 'GET', route: '/orders/:id', status: 401, service: 'order-service' }),
    ]);
  });
});
