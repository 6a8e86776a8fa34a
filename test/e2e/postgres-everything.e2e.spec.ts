import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EtaPipelineRunner } from '../../apps/order-service/src/status/eta-pipeline.runner';
import { describeIfReachable, eventually, postgresProbe, probeSync } from '@ot/testing';
import { courier, newOrderId, orderPlaced, warehouse } from './support/payloads';
import { startTestApp, type TestApp, tokenFor } from './support/test-app';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/**
 * Every stateful part on PostgreSQL (EVENT_STORE=postgres, STATE_STORE=postgres), the notifier and
 * the ETA pipeline embedded, on a database of its own that is dropped afterwards. The SQLite paths
 * point into a folder that must stay empty: nothing of the state may fall back to a local file.
 */
describeIfReachable('order service with every store on PostgreSQL (HTTP)', probeSync(postgresProbe(ADMIN_URL)), () => {
  const database = `everything_pg_e2e_${process.pid}_${Date.now()}`;
  const files = mkdtempSync(join(tmpdir(), 'no-sqlite-'));
  const outbox = mkdtempSync(join(tmpdir(), 'pg-outbox-'));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  const env = {
    EVENT_STORE: 'postgres',
    STATE_STORE: 'postgres',
    DATABASE_URL: url.toString(),
    RUN_NOTIFIER: 'true',
    RUN_ETA: 'true',
    NOTIFIER_OUTBOX_DIR: outbox,
    NOTIFIER_DISPATCH_INTERVAL_MS: '20',
    ...Object.fromEntries(['READ_MODEL_PATH', 'ETA_READ_MODEL_PATH', 'NOTIFIER_DB_PATH', 'RELAY_CHECKPOINT_PATH'].map((k) => [k, join(files, `${k}.db`)])),
  };
  let t: TestApp | undefined;

  const sql = async <T>(work: (c: Client) => Promise<T>, connectionString = url.toString()): Promise<T> => {
    const client = new Client({ connectionString });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const count = (table: string) => sql(async (c) => Number((await c.query(`SELECT count(*) AS n FROM order_state.${table}`)).rows[0].n));
  const pushes = (): Array<{ to: string; notificationId: string; text: string }> => {
    const file = join(outbox, 'push.jsonl');
    return existsSync(file)
      ? readFileSync(file, 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l))
      : [];
  };

  beforeAll(async () => {
    await sql((c) => c.query(`CREATE DATABASE ${database}`), ADMIN_URL);
  });
  afterAll(async () => {
    await t?.close();
    await sql((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`), ADMIN_URL);
    rmSync(files, { recursive: true, force: true });
    rmSync(outbox, { recursive: true, force: true });
  });

  it('takes webhooks to a status, an ETA and one push, all kept in PostgreSQL, and a restart sends nothing twice', async () => {
    t = await startTestApp(env);
    const orderId = newOrderId();
    const prefs = await t.app.inject({
      method: 'PUT',
      url: '/customers/c-pg/preferences',
      headers: { authorization: `Bearer ${tokenFor('c-pg')}` },
      payload: { language: 'en', timeZone: 'UTC', channels: { 'out-for-delivery': ['push'] }, contacts: { deviceTokens: ['pg-device'] } },
    });
    expect(prefs.statusCode).toBe(200);
    expect((await t.webhook('warehouse', { ...orderPlaced(orderId, 'c-pg', ago(24 * HOUR)), promisedDate: ago(-5 * 24 * HOUR).slice(0, 10) })).statusCode).toBe(
      202,
    );
    expect((await t.webhook('warehouse', warehouse(orderId, 'parcel.handed_over', ago(12 * HOUR)))).statusCode).toBe(202);
    expect((await t.webhook('courier', courier(orderId, 'OUT_FOR_DELIVERY', ago(HOUR)))).statusCode).toBe(202);

    const [push] = await eventually(async () => {
      const out = pushes().filter((m) => m.notificationId.includes('out-for-delivery'));
      if (!out.length) throw new Error('no push yet');
      return out;
    });
    expect(push).toMatchObject({ to: 'pg-device' });
    expect(push.text).toContain(orderId);
    await t.app.get(EtaPipelineRunner).settle();
    const doc = await eventually(async () => {
      const body = (await t!.getOrder(orderId, tokenFor('c-pg'))).json();
      if (body.status !== 'OutForDelivery' || !body.eta) throw new Error(`not yet: ${body.status}`);
      return body;
    });
    expect(doc).toMatchObject({ orderId, customerId: 'c-pg', status: 'OutForDelivery' });

    // Where it all lives: the state schema, not a file.
    expect(await count('status_view')).toBe(1);
    expect(await count('eta_view')).toBe(1);
    expect(await count('preferences')).toBe(1);
    expect(await count('handled_events')).toBeGreaterThanOrEqual(3);
    // The relay saves its checkpoint at most every 100 ms, so the last save may trail the publish by that much.
    await eventually(async () => {
      const position = await sql(async (c) => Number((await c.query(`SELECT position FROM order_state.relay_checkpoints`)).rows[0].position));
      if (position < 3) throw new Error(`relay checkpoint at ${position}`);
    });
    expect(
      await sql(async (c) => (await c.query(`SELECT store, max(version) AS v FROM order_state.schema_migrations GROUP BY store ORDER BY store`)).rows),
    ).toEqual([
      { store: 'checkpoints', v: 1 },
      { store: 'eta_view', v: 3 },
      { store: 'notifier', v: 5 },
      { store: 'partner_outbox', v: 1 },
      { store: 'status_view', v: 1 },
    ]);

    // A restart (or another replica) on the same database: same answers, the relay and notifier resume, nothing is sent again.
    await t.close();
    t = await startTestApp(env);
    expect((await t.getOrder(orderId, tokenFor('c-pg'))).json()).toMatchObject({ status: 'OutForDelivery', version: doc.version });
    await new Promise((resolve) => setTimeout(resolve, 500)); // many dispatcher rounds
    expect(pushes().filter((m) => m.notificationId.includes('out-for-delivery'))).toHaveLength(1);
    expect(readdirSync(files)).toEqual([]);
  });
});
