import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { loadConfig } from '@ot/config';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { buildNotifier } from '@ot/notifier';
import { describeWithKafka, eventually, privateDataEnv } from '@ot/testing';
import { courier, newOrderId, orderPlaced, warehouse } from '../e2e/support/payloads';
import { JWT_SECRET, startTestApp, type TestApp, tokenFor } from '../e2e/support/test-app';

/**
 * The production shape on one machine: order-service (BUS=kafka, no notifier inside) relays to a real
 * broker; a separate notifier app consumes. The notifier is restarted mid-stream on the same state
 * file: every order still gets exactly one out-for-delivery push.
 */
describeWithKafka('signed webhook to push over a real Kafka broker', () => {
  jest.setTimeout(90_000);
  const run = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
  const dir = mkdtempSync(join(tmpdir(), 'kafka-e2e-'));
  const kafkaEnv = { BUS: 'kafka', KAFKA_BROKERS: process.env.KAFKA_BROKERS!, KAFKA_TOPIC: `order-events-${run}`, KAFKA_LOG_LEVEL: 'nothing' };
  const notifierEnv = {
    ...kafkaEnv,
    KAFKA_GROUP_ID: `notifier-${run}`,
    ...privateDataEnv(dir),
    NOTIFIER_DISPATCH_INTERVAL_MS: '20',
    JWT_SECRET,
    NODE_ENV: 'test',
  };
  let service: TestApp;
  let notifier: NestFastifyApplication;

  const pushes = (): Array<{ notificationId: string; to: string }> => {
    const file = join(dir, 'outbox', 'push.jsonl');
    return existsSync(file)
      ? readFileSync(file, 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l))
      : [];
  };

  beforeAll(async () => {
    notifier = await buildNotifier(loadConfig(notifierEnv));
    service = await startTestApp({
      ...kafkaEnv,
      EVENT_STORE: 'sqlite',
      ...privateDataEnv(dir),
    });
  });
  afterAll(async () => {
    await service?.close();
    await notifier?.close();
  });

  async function placeAndSendOut(orderId: string, customerId: string): Promise<void> {
    expect((await service.webhook('warehouse', orderPlaced(orderId, customerId))).statusCode).toBe(202);
    expect((await service.webhook('warehouse', warehouse(orderId, 'parcel.handed_over', '2026-01-02T10:00:00Z'))).statusCode).toBe(202);
    expect((await service.webhook('courier', courier(orderId, 'OUT_FOR_DELIVERY', '2026-01-04T08:00:00Z'))).statusCode).toBe(202);
  }

  it('delivers exactly one push per order across a notifier restart', async () => {
    const customerId = `c-${run}`;
    const prefs = await notifier.inject({
      method: 'PUT',
      url: `/customers/${customerId}/preferences`,
      headers: { authorization: `Bearer ${tokenFor(customerId)}` },
      payload: { language: 'en', timeZone: 'UTC', channels: { 'out-for-delivery': ['push'] }, contacts: { deviceTokens: ['tok-1'] } },
    });
    expect(prefs.statusCode).toBe(200);

    const orders = Array.from({ length: 20 }, () => newOrderId());
    for (const id of orders.slice(0, 10)) await placeAndSendOut(id, customerId);
    await eventually(async () => expect(pushes().length).toBeGreaterThanOrEqual(3), { timeoutMs: 30_000, everyMs: 100 });

    await notifier.close(); // mid-stream: some of the first ten may still be unhandled
    for (const id of orders.slice(10)) await placeAndSendOut(id, customerId);
    notifier = await buildNotifier(loadConfig(notifierEnv));

    await eventually(async () => expect(pushes().length).toBeGreaterThanOrEqual(orders.length), { timeoutMs: 45_000, everyMs: 100 });
    await new Promise((resolve) => setTimeout(resolve, 1000)); // a duplicate would arrive now
    const ids = pushes().map((p) => p.notificationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.map((id) => id.split(':')[0]).sort()).toEqual([...orders].sort());
  });
});
