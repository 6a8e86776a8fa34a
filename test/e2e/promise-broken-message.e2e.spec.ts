import { EtaPipelineRunner } from '../../apps/order-service/src/status/eta-pipeline.runner';
import { eventually } from '@ot/testing';
import { outboxLines } from './support/outbox';
import { newOrderId, orderPlaced } from './support/payloads';
import { startNotifyingApp, tokenFor } from './support/test-app';

const DAY = 86_400_000;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** A customer told the promise is broken is told when the order comes instead: the forecast at the moment it broke. */
describe('the broken-promise message', () => {
  let app: Awaited<ReturnType<typeof startNotifyingApp>>;
  beforeAll(async () => {
    app = await startNotifyingApp({ RUN_ETA: 'true' });
  });
  afterAll(() => app.t.close());

  it('names the new expected day, the one the order page shows, and offers to accept it', async () => {
    const { t, outbox } = app;
    const customerId = 'c-broken';
    const prefs = await t.app.inject({
      method: 'PUT',
      url: `/customers/${customerId}/preferences`,
      headers: { authorization: `Bearer ${tokenFor(customerId)}` },
      payload: { language: 'en', timeZone: 'UTC', channels: { 'promise-broken': ['push'] }, contacts: { deviceTokens: ['dev-1'] } },
    });
    expect(prefs.statusCode).toBe(200);
    const orderId = newOrderId();
    const now = Date.now();
    const placed = { ...orderPlaced(orderId, customerId, new Date(now - 20 * DAY).toISOString()), promisedDate: isoDay(now - 5 * DAY) };
    expect((await t.webhook('warehouse', placed)).statusCode).toBe(202);
    await t.app.get(EtaPipelineRunner).settle();

    const push = await eventually(async () => {
      const line = outboxLines(outbox, 'push').find((m) => m.orderId === orderId && m.kind === 'promise-broken');
      if (!line) throw new Error('no broken-promise push yet');
      return line as typeof line & { data?: Record<string, string> };
    });
    const order = (await t.getOrder(orderId, tokenFor(customerId))).json();
    expect(push.text).toMatch(/We now expect to deliver it on /);
    expect(push.data?.expected).toBe(order.eta.expected);
    expect(order.eta.expected >= isoDay(now)).toBe(true);

    const actions = await t.app.inject({ method: 'GET', url: `/orders/${orderId}/actions`, headers: { authorization: `Bearer ${tokenFor(customerId)}` } });
    expect(actions.json().actions.map((a: { type: string }) => a.type)).toContain('accept-new-date');
  });
});
