import { Client } from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeIfReachable, eventually, postgresProbe, probeSync } from '@ot/testing';
import { courier, newOrderId, orderPlaced } from './support/payloads';
import { startTestApp, type TestApp } from './support/test-app';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** EVENT_STORE=postgres end to end, on a database of its own that is dropped afterwards. */
describeIfReachable('order service on PostgreSQL (HTTP)', probeSync(postgresProbe(ADMIN_URL)), () => {
  const database = `order_service_e2e_${process.pid}_${Date.now()}`;
  const dir = mkdtempSync(join(tmpdir(), 'order-service-pg-'));
  let t: TestApp;

  const admin = async <T>(work: (c: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: ADMIN_URL });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    await admin((c) => c.query(`CREATE DATABASE ${database}`));
    const url = new URL(ADMIN_URL);
    url.pathname = `/${database}`;
    t = await startTestApp({ EVENT_STORE: 'postgres', DATABASE_URL: url.toString(), READ_MODEL_PATH: join(dir, 'read-model.db') });
  });
  afterAll(async () => {
    await t?.close();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    rmSync(dir, { recursive: true, force: true });
  });

  it('records webhooks, answers duplicates with the original version, and serves the projected status', async () => {
    const orderId = newOrderId();
    const placed = orderPlaced(orderId);
    expect((await t.webhook('warehouse', placed)).statusCode).toBe(202);
    const handed = await t.webhook('courier', courier(orderId, 'PICKED_UP', '2026-01-02T09:00:00Z'));
    expect(handed.json()).toEqual({ orderId, outcome: 'appended', streamVersion: 2 });
    const again = await t.webhook('warehouse', placed);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ orderId, outcome: 'duplicate', streamVersion: 1 });
    // read back from jsonb (keys reordered), other facts under the same id are still told apart
    expect((await t.webhook('warehouse', { ...placed, promisedDate: '2026-01-11' })).statusCode).toBe(409);
    await eventually(async () => {
      const res = await t.getOrder(orderId);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'HandedToCarrier', version: 2 });
    });
  });
});
