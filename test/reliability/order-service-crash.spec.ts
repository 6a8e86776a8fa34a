import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@ot/application';
import { PostgresEventStore, SqliteEventStore } from '@ot/event-store';
import { Client } from 'pg';
import { describeIfReachable, eventually, postgresProbe, probeSync, privateDataEnv } from '@ot/testing';
import { JWT_SECRET, SECRETS, tokenFor } from '../e2e/support/test-app';
import { type Child, freePort, spawnTs, stop, waitForHttp } from './support/child-process.support';
import { type Ack, driveWebhooks } from './support/webhook-load.support';

/**
 * An acknowledged webhook is never lost: the order-service runs as a child process, takes signed
 * webhooks 8 at a time, is SIGKILLed mid-load, restarts on the same files, and every 2xx it gave
 * must be in the store (read directly) and in GET /orders/:id once the projection caught up.
 */
const ACKS_BEFORE_KILL = 300;

async function crashAndRecover(label: string, storeEnv: Record<string, string>, openStore: () => Promise<EventStore>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `ot-crash-${label}-`));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    RUN_NOTIFIER: 'false',
    ...privateDataEnv(dir),
    JWT_SECRET,
    WEBHOOK_SECRET_WAREHOUSE: SECRETS.warehouse,
    WEBHOOK_SECRET_COURIER: SECRETS.courier,
    WEBHOOK_SECRET_PICKUP_POINT: SECRETS['pickup-point'],
    ...storeEnv,
  };
  const start = async () => {
    const child = spawnTs('apps/order-service/src/main.ts', env);
    await waitForHttp(child, `${base}/orders/none`);
    return child;
  };
  let service: Child | undefined;
  try {
    service = await start();
    const load = await driveWebhooks(base, `crash-${label}-${Date.now().toString(36)}`, {
      concurrency: 8,
      maxRequests: 5000,
      stopAfterAcks: ACKS_BEFORE_KILL,
      onThreshold: () => service?.proc.kill('SIGKILL'),
    });
    expect(await service.exited).toBe('SIGKILL');
    service = await start(); // same files / same database

    const store = await openStore();
    const missing: Ack[] = [];
    let duplicates = 0;
    try {
      for (const orderId of new Set(load.acks.map((a) => a.orderId))) {
        const { events } = await store.readStream(`order-${orderId}`);
        expect(events.map((e) => e.streamVersion)).toEqual(events.map((_, i) => i + 1)); // no hole, no torn append
        duplicates += events.length - new Set(events.map((e) => e.type)).size; // one placement, one scan per order at most
        for (const ack of load.acks.filter((a) => a.orderId === orderId)) {
          if (events[ack.streamVersion - 1]?.type !== ack.type) missing.push(ack);
        }
      }
    } finally {
      await store.close();
    }
    const ops = { authorization: `Bearer ${tokenFor('ops-1', 'ops')}` };
    const lastOf = new Map(load.acks.map((a) => [a.orderId, 0]));
    for (const a of load.acks) lastOf.set(a.orderId, Math.max(lastOf.get(a.orderId)!, a.streamVersion));
    const notVisible = await eventually(
      async () => {
        const behind: string[] = [];
        for (const [orderId, version] of lastOf) {
          const res = await fetch(`${base}/orders/${orderId}`, { headers: ops });
          if (res.status !== 200 || ((await res.json()) as { version: number }).version < version) behind.push(orderId);
        }
        expect(behind).toEqual([]);
        return behind;
      },
      { timeoutMs: 20_000, everyMs: 250 },
    );
    console.log(
      `crash ${label}: faults injected 1 (kill -9 with up to 8 in flight); requests sent ${load.sent}, acknowledged ${load.acks.length}, found ${load.acks.length - missing.length}, missing ${missing.length}, duplicates ${duplicates}, orders not visible via GET ${notVisible.length}`,
    );
    expect(load.acks.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
    expect(missing).toEqual([]);
    expect(duplicates).toBe(0);
  } finally {
    if (service) await stop(service);
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('order-service kill -9 mid-load: sqlite', () => {
  let path = '';
  it('keeps every acknowledged webhook and serves it after restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ot-crash-sqlite-file-'));
    path = join(dir, 'events.db');
    try {
      await crashAndRecover('sqlite', { EVENT_STORE: 'sqlite', SQLITE_PATH: path }, async () => new SqliteEventStore({ path }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
describeIfReachable('order-service kill -9 mid-load: postgres', probeSync(postgresProbe(ADMIN_URL)), () => {
  const database = `ot_crash_${process.pid}_${Date.now()}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: ADMIN_URL });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  beforeAll(() => admin(`CREATE DATABASE ${database}`));
  afterAll(() => admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));

  it(
    'keeps every acknowledged webhook and serves it after restart',
    () =>
      crashAndRecover('postgres', { EVENT_STORE: 'postgres', DATABASE_URL: url.toString() }, () =>
        PostgresEventStore.connect({ connectionString: url.toString() }),
      ),
    90_000,
  );
});
