import { eventually } from '@ot/testing';
import { outboxLines } from './support/outbox';
import { courier, newOrderId, orderPlaced, warehouse } from './support/payloads';
import { startNotifyingApp, type TestApp, tokenFor } from './support/test-app';

const HOUR = 3_600_000;
const hhmm = (ms: number): string => new Date(ms).toISOString().slice(11, 16);

/** A message held by quiet hours goes on the next dispatcher pass once the customer turns them off or ends them sooner. */
describe('quiet hours changed while a message is held', () => {
  let t: TestApp;
  let outbox: string;
  beforeEach(async () => {
    ({ t, outbox } = await startNotifyingApp());
  });
  afterEach(() => t.close());

  const putPreferences = async (customerId: string, quietHours?: { start: string; end: string }) => {
    const res = await t.app.inject({
      method: 'PUT',
      url: `/customers/${customerId}/preferences`,
      headers: { authorization: `Bearer ${tokenFor(customerId)}` },
      payload: {
        language: 'en',
        timeZone: 'UTC',
        channels: { delivered: ['push'] },
        contacts: { deviceTokens: ['dev-q'] },
        ...(quietHours ? { quietHours } : {}),
      },
    });
    expect(res.statusCode).toBe(200);
  };
  const delivered = () => outboxLines(outbox, 'push').filter((m) => m.kind === 'delivered');
  const logOf = async (orderId: string) =>
    (await t.app.inject({ method: 'GET', url: `/orders/${orderId}/notifications`, headers: { authorization: `Bearer ${tokenFor('ops', 'ops')}` } })).json()
      .attempts as { status: string; error?: string }[];

  /** Quiet hours from an hour ago to `quietEnd` (UTC), then a delivery they hold. */
  async function deliverHeld(customerId: string, quietEnd: number, quiet = { start: hhmm(Date.now() - HOUR), end: hhmm(quietEnd) }): Promise<string> {
    const now = Date.now();
    await putPreferences(customerId, quiet);
    const orderId = newOrderId();
    const placed = {
      ...orderPlaced(orderId, customerId, new Date(now - 3 * HOUR).toISOString()),
      promisedDate: new Date(now + 240 * HOUR).toISOString().slice(0, 10),
    };
    expect((await t.webhook('warehouse', placed)).statusCode).toBe(202);
    expect((await t.webhook('warehouse', warehouse(orderId, 'parcel.handed_over', new Date(now - 2 * HOUR).toISOString()))).statusCode).toBe(202);
    expect((await t.webhook('courier', courier(orderId, 'DELIVERED', new Date(now - 60_000).toISOString()))).statusCode).toBe(202);
    await eventually(async () => {
      if (!(await logOf(orderId)).some((a) => a.status === 'held-quiet-hours')) throw new Error('not held yet');
    });
    return orderId;
  }

  it('sends it once the customer removes quiet hours', async () => {
    const orderId = await deliverHeld('c-quiet-off', Date.now() + 2 * HOUR);
    await new Promise((r) => setTimeout(r, 200)); // dispatcher passes: still held
    expect(delivered()).toHaveLength(0);

    await putPreferences('c-quiet-off');
    const sent = await eventually(async () => {
      const lines = delivered();
      if (!lines.length) throw new Error('still held');
      return lines;
    });
    expect(sent.map((m) => m.orderId)).toEqual([orderId]);
    await new Promise((r) => setTimeout(r, 200)); // and once only
    expect(delivered()).toHaveLength(1);
  });

  it('leaves it alone when the customer changes something else', async () => {
    const quiet = { start: hhmm(Date.now() - HOUR), end: hhmm(Date.now() + 2 * HOUR) };
    const orderId = await deliverHeld('c-quiet-same', Date.now() + 2 * HOUR, quiet);
    await putPreferences('c-quiet-same', quiet); // the same quiet hours and zone, saved again
    await new Promise((r) => setTimeout(r, 200));
    expect((await logOf(orderId)).filter((a) => a.status === 'held-quiet-hours')).toHaveLength(1);
    expect(delivered()).toHaveLength(0);
  });

  it('holds it to the new end when the customer only shortens them', async () => {
    const now = Date.now();
    const orderId = await deliverHeld('c-quiet-short', now + 3 * HOUR);
    const newEnd = hhmm(now + HOUR + 60_000);
    await putPreferences('c-quiet-short', { start: hhmm(now - HOUR), end: newEnd });
    await eventually(async () => {
      const held = (await logOf(orderId)).filter((a) => a.status === 'held-quiet-hours').map((a) => a.error);
      if (!held.some((e) => e?.includes(`T${newEnd}`))) throw new Error(`not re-held to ${newEnd}: ${held.join(', ')}`);
    });
    expect(delivered()).toHaveLength(0);
  });
});
