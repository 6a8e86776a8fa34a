import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, RecordedEvent } from '@ot/application';
import { privateDataEnv } from '@ot/testing';
import { EVENT_STORE } from '../../apps/order-service/src/app.tokens';
import { newOrderId, orderPlaced, warehouse } from './support/payloads';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * POST /webhooks/:partner/batch on the default durable store (SQLite, writer thread). One
 * transaction stamps one recording time on every event it commits, so events committed apart
 * (200 fsynced commits one after the other take well over a millisecond) show several.
 */
describe('batch webhooks on the SQLite store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'batch-webhooks-e2e-'));
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ EVENT_STORE: 'sqlite', ...privateDataEnv(dir) });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function eventsOf(orderIds: readonly string[]): Promise<RecordedEvent[]> {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const streams = await Promise.all(orderIds.map((id) => store.readStream(`order-${id}`)));
    return streams.flatMap((s) => s.events);
  }

  it('commits the independent items of a batch in one transaction', async () => {
    const orderIds = Array.from({ length: 200 }, () => newOrderId());
    const res = await t.batch(
      'warehouse',
      orderIds.map((id) => orderPlaced(id)),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().results.map((r: { status: number }) => r.status)).toEqual(orderIds.map(() => 202));
    const events = await eventsOf(orderIds);
    expect(events).toHaveLength(200);
    expect(new Set(events.map((e) => e.recordedAt)).size).toBe(1);
    // one transaction, in the batch's order
    expect(events.map((e) => e.globalPosition)).toEqual(events.map((_, i) => events[0].globalPosition + i));
  });

  it('keeps the items of one order in the batch order, each in the transaction after the one before it', async () => {
    const [a, b] = [newOrderId(), newOrderId()];
    const res = await t.batch('warehouse', [
      orderPlaced(a),
      warehouse(a, 'payment.approved', '2026-01-01T11:00:00Z'),
      orderPlaced(b),
      warehouse(a, 'order.packed', '2026-01-01T12:00:00Z'),
    ]);
    expect(res.json().results.map((r: { streamVersion: number }) => r.streamVersion)).toEqual([1, 2, 1, 3]);
    const [placedA, approvedA, packedA, placedB] = await eventsOf([a, b]);
    expect([placedA.type, approvedA.type, packedA.type, placedB.type]).toEqual(['OrderPlaced', 'PaymentApproved', 'OrderPacked', 'OrderPlaced']);
    expect(placedB.recordedAt).toBe(placedA.recordedAt); // independent: the same transaction
    expect(placedA.globalPosition).toBeLessThan(approvedA.globalPosition);
    expect(approvedA.globalPosition).toBeLessThan(packedA.globalPosition);
  });

  it('lets a failing item fail alone: the others are committed together and answered as usual', async () => {
    const [a, b, unknown] = [newOrderId(), newOrderId(), newOrderId()];
    const placedA = orderPlaced(a);
    const res = await t.batch('warehouse', [
      placedA,
      { ...orderPlaced(newOrderId()), occurredAt: 'yesterday' }, // invalid: 400
      warehouse(unknown, 'order.packed', '2026-01-01T12:00:00Z'), // no such order: 404
      { ...placedA, customerId: 'someone-else' }, // the same event id with other facts: 409
      orderPlaced(b),
    ]);
    const results = res.json().results;
    expect(results.map((r: { status: number }) => r.status)).toEqual([202, 400, 404, 409, 202]);
    expect(results[4]).toEqual({ index: 4, status: 202, orderId: b, outcome: 'appended', streamVersion: 1 });
    const events = await eventsOf([a, b, unknown]);
    expect(events.map((e) => e.data.orderId)).toEqual([a, b]);
    expect(events[0].recordedAt).toBe(events[1].recordedAt);
  });
});
