import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@ot/testing';
import { outboxLines } from './support/outbox';
import { courier, newOrderId, orderPlaced, warehouse } from './support/payloads';
import { startTestApp, type TestApp, tokenFor } from './support/test-app';

/**
 * The embedded default end to end: signed webhook -> event store -> relay -> in-process bus ->
 * notifier -> channel sender (the local outbox file standing in for FCM/Twilio when no vendor is set).
 */
describe('embedded notifications', () => {
  let t: TestApp;
  let outbox: string;

  beforeEach(async () => {
    outbox = mkdtempSync(join(tmpdir(), 'outbox-'));
    t = await startTestApp({ RUN_NOTIFIER: 'true', NOTIFIER_OUTBOX_DIR: outbox, NOTIFIER_DISPATCH_INTERVAL_MS: '20' });
  });
  afterEach(() => t.close());

  const sent = (channel: 'push' | 'sms') => outboxLines(outbox, channel);

  async function setPreferences(customerId: string, contacts: Record<string, unknown>): Promise<void> {
    const res = await t.app.inject({
      // the notifier's routes are served by the order-service app, on its one port
      method: 'PUT',
      url: `/customers/${customerId}/preferences`,
      headers: { authorization: `Bearer ${tokenFor(customerId)}` },
      payload: { language: 'en', timeZone: 'UTC', channels: { 'out-for-delivery': ['push', 'sms'], shipped: ['push'] }, contacts },
    });
    expect(res.statusCode).toBe(200);
  }

  async function driveToOutForDelivery(orderId: string, customerId: string): Promise<void> {
    expect((await t.webhook('warehouse', orderPlaced(orderId, customerId))).statusCode).toBe(202);
    expect((await t.webhook('warehouse', warehouse(orderId, 'parcel.handed_over', '2026-01-02T10:00:00Z'))).statusCode).toBe(202);
    const out = courier(orderId, 'OUT_FOR_DELIVERY', '2026-01-04T08:00:00Z');
    expect((await t.webhook('courier', out)).statusCode).toBe(202);
    expect((await t.webhook('courier', out)).statusCode).toBe(200); // the partner retries: a duplicate, not a second event
  }

  it('sends exactly one push for out-for-delivery, with the right text', async () => {
    const orderId = newOrderId();
    await setPreferences('c-push', { deviceTokens: ['device-token-1'], phone: '+15550001111' });
    await driveToOutForDelivery(orderId, 'c-push');

    const [push] = await eventually(async () => {
      const lines = sent('push').filter((m) => m.notificationId.includes('out-for-delivery'));
      if (!lines.length) throw new Error('no push yet');
      return lines;
    });
    expect(push.to).toBe('device-token-1');
    expect(push.text).toContain(orderId);
    expect(`${push.title} ${push.text}`.toLowerCase()).toContain('out for delivery');

    await new Promise((resolve) => setTimeout(resolve, 300)); // several dispatcher rounds: nothing more may go out
    expect(sent('push').filter((m) => m.notificationId.includes('out-for-delivery'))).toHaveLength(1);
    expect(sent('sms')).toHaveLength(0);
  });

  it('falls back to SMS when the customer has no device token', async () => {
    const orderId = newOrderId();
    await setPreferences('c-sms', { deviceTokens: [], phone: '+15550002222' });
    await driveToOutForDelivery(orderId, 'c-sms');

    const sms = await eventually(async () => {
      const lines = sent('sms').filter((m) => m.notificationId.includes('out-for-delivery'));
      if (!lines.length) throw new Error('no sms yet');
      return lines;
    });
    expect(sms).toHaveLength(1);
    expect(sms[0].to).toBe('+15550002222');
    expect(sent('push')).toHaveLength(0);
  });
});
