import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { describeIfReachable, postgresProbe, probeSync } from '@ot/testing';
import { PostgresEventStore } from './postgres.event-store';

const connectionString = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const runId = `es_test_${randomUUID().slice(0, 8)}`;
const schemas: string[] = [];

// one fresh schema per test, all dropped when the file ends
const open = async () => {
  const schema = `${runId}_${schemas.length + 1}`;
  schemas.push(schema);
  return PostgresEventStore.connect({ connectionString, schema });
};

describeIfReachable('postgres contract', probeSync(postgresProbe(connectionString)), () => {
  afterAll(async () => {
    const client = new Client({ connectionString });
    await client.connect();
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  describeEventStoreContract('postgres', open);

  it('keeps readAll gap-free while two stores (two pools) append to the same schema at once', async () => {
    const schema = `${runId}_shared`;
    schemas.push(schema);
    const [a, b] = await Promise.all([PostgresEventStore.connect({ connectionString, schema }), PostgresEventStore.connect({ connectionString, schema })]);
    const seen: number[] = [];
    const sub = b.subscribeToAll(0, async (events) => void seen.push(...events.map((e) => e.globalPosition)));
    await Promise.all(
      Array.from({ length: 200 }, (_, n) => (n % 2 ? a : b).appendToStream(`order-${n}`, [{ type: 'PaymentApproved', data: { orderId: `${n}`, partner: 'warehouse', partnerEventId: `p${n}`, occurredAt: '2026-01-01T00:00:00.000Z' } }], { expectedVersion: 0 })),
    );
    for (const end = Date.now() + 5000; seen.length < 200 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
    await sub.stop();
    expect(seen).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    await Promise.all([a.close(), b.close()]);
  });

  it('fails only the bad append of a group (jsonb rejects \\u0000) and commits the rest', async () => {
    const store = await open();
    const good = (n: number) => store.appendToStream(`order-g${n}`, [{ type: 'PaymentApproved', data: { orderId: `g${n}`, partner: 'warehouse', partnerEventId: 'p', occurredAt: '2026-01-01T00:00:00.000Z' } }], { expectedVersion: 0 });
    const bad = store.appendToStream('order-bad', [{ type: 'PaymentApproved', data: { orderId: 'bad\u0000', partner: 'warehouse', partnerEventId: 'p', occurredAt: '2026-01-01T00:00:00.000Z' } }], { expectedVersion: 0 });
    const results = await Promise.allSettled([good(1), bad, good(2)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.readAll(0, 10)).map((e) => e.streamId)).toEqual(['order-g1', 'order-g2']);
    await store.close();
  });
});
