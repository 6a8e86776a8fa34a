import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@ot/application';
import { privateDataEnv } from '@ot/testing';
import { EVENT_STORE } from '../../apps/order-service/src/app.tokens';
import { courier, newOrderId, orderPlaced } from './support/payloads';
import { startTestApp, type TestApp } from './support/test-app';

/** A partner bursting scans for one order must never see a 412: that answer is for real cross-process conflicts. */
describe('concurrent scans of one order (HTTP, SQLite store as `npm start` runs it)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ot-concurrent-'));
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ EVENT_STORE: 'sqlite', ...privateDataEnv(dir) });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('appends 50 distinct scans posted in parallel, each answered 202, with 51 events in the stream', async () => {
    const orderId = newOrderId();
    expect((await t.webhook('warehouse', orderPlaced(orderId))).statusCode).toBe(202);
    const scans = Array.from({ length: 50 }, (_, i) =>
      courier(orderId, 'IN_TRANSIT', new Date(Date.UTC(2026, 0, 2, 0, i)).toISOString(), { location: { city: `city ${i}` } }),
    );
    const responses = await Promise.all(scans.map((scan) => t.webhook('courier', scan)));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(50).fill(202));
    expect(responses.map((r) => r.json().streamVersion).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
    const { events } = await t.app.get<EventStore>(EVENT_STORE).readStream(`order-${orderId}`);
    expect(events).toHaveLength(51);
  });
});
