import type { NewEvent } from '@ot/application';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { describeIfReachable, postgresProbe, probeSync } from '@ot/testing';
import { PostgresEventStore } from './postgres.event-store';
import { POSTGRES_EVENT_MIGRATIONS } from './postgres.migrations';

const connectionString = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const runId = `es_test_${randomUUID().slice(0, 8)}`;
const schemas: string[] = [];

// one fresh schema per test, all dropped when the file ends
const scan = (tag: string): NewEvent =>
  ({ type: 'PaymentApproved', data: { orderId: tag, partner: 'warehouse', partnerEventId: tag, occurredAt: '2026-01-01T00:00:00.000Z' } }) as NewEvent;

async function sql(...statements: string[]): Promise<void> {
  const client = new Client({ connectionString });
  await client.connect();
  for (const statement of statements) await client.query(statement);
  await client.end();
}

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
      Array.from({ length: 200 }, (_, n) =>
        (n % 2 ? a : b).appendToStream(
          `order-${n}`,
          [{ type: 'PaymentApproved', data: { orderId: `${n}`, partner: 'warehouse', partnerEventId: `p${n}`, occurredAt: '2026-01-01T00:00:00.000Z' } }],
          { expectedVersion: 0 },
        ),
      ),
    );
    for (const end = Date.now() + 5000; seen.length < 200 && Date.now() < end;) await new Promise((r) => setTimeout(r, 20));
    await sub.stop();
    expect(seen).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    await Promise.all([a.close(), b.close()]);
  });

  it('fails only the bad append of a group (jsonb rejects \\u0000) and commits the rest', async () => {
    const store = await open();
    const good = (n: number) =>
      store.appendToStream(
        `order-g${n}`,
        [{ type: 'PaymentApproved', data: { orderId: `g${n}`, partner: 'warehouse', partnerEventId: 'p', occurredAt: '2026-01-01T00:00:00.000Z' } }],
        { expectedVersion: 0 },
      );
    const bad = store.appendToStream(
      'order-bad',
      [{ type: 'PaymentApproved', data: { orderId: 'bad\u0000', partner: 'warehouse', partnerEventId: 'p', occurredAt: '2026-01-01T00:00:00.000Z' } }],
      { expectedVersion: 0 },
    );
    const results = await Promise.allSettled([good(1), bad, good(2)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.readAll(0, 10)).map((e) => e.streamId)).toEqual(['order-g1', 'order-g2']);
    await store.close();
  });

  it('commits a group exactly as its appends applied one by one would: same outcomes, events, order', async () => {
    const store = await open();
    let run = 0;
    // appends to 3 streams, each expecting a version near the right one, all in one group
    const groups = fc.array(
      fc.record({ stream: fc.integer({ min: 0, max: 2 }), size: fc.integer({ min: 0, max: 3 }), expected: fc.integer({ min: 0, max: 4 }) }),
      { minLength: 1, maxLength: 12 },
    );
    await fc.assert(
      fc.asyncProperty(groups, async (appends) => {
        const prefix = `p${++run}`;
        const head = (await store.readAll(0, 1_000_000)).at(-1)?.globalPosition ?? 0;
        const batch = (a: (typeof appends)[number], n: number) => Array.from({ length: a.size }, (_, k) => scan(`${prefix}-${n}-${k}`));
        const outcomes = await Promise.all(
          appends.map((a, n) =>
            store.appendToStream(`${prefix}-${a.stream}`, batch(a, n), { expectedVersion: a.expected }).then(
              (r) => r.nextVersion,
              (e: { code?: string }) => e.code,
            ),
          ),
        );
        const versions = [0, 0, 0];
        const expected = appends.map((a) => (a.expected === versions[a.stream] ? (versions[a.stream] += a.size) : 'VERSION_CONFLICT'));
        expect(outcomes).toEqual(expected);
        const committed = appends.flatMap((a, n) => (expected[n] === 'VERSION_CONFLICT' ? [] : batch(a, n).map((e) => e.data)));
        const all = await store.readAll(head, 1000);
        expect(all.map((e) => e.data)).toEqual(committed);
        expect(all.map((e) => e.globalPosition)).toEqual(committed.map((_, i) => head + i + 1));
        for (const s of [0, 1, 2])
          expect((await store.readStream(`${prefix}-${s}`)).events.map((e) => e.streamVersion)).toEqual(Array.from({ length: versions[s] }, (_, i) => i + 1));
      }),
      { numRuns: 40 },
    );
    await store.close();
  });

  it('upgrades a schema made before migrations existed, keeping every stream at its version', async () => {
    const schema = `${runId}_old`;
    schemas.push(schema);
    // the layout the first release created, with no migrations table
    await sql(
      `CREATE SCHEMA "${schema}"`,
      `CREATE TABLE "${schema}".events (global_position bigint PRIMARY KEY, stream_id text NOT NULL, stream_version integer NOT NULL, type text NOT NULL, data jsonb NOT NULL, metadata jsonb, recorded_at timestamptz NOT NULL, UNIQUE (stream_id, stream_version))`,
      `CREATE TABLE "${schema}".event_positions (id int PRIMARY KEY CHECK (id = 1), last_position bigint NOT NULL)`,
      `INSERT INTO "${schema}".events SELECT g, 'order-old', g, 'PaymentApproved', '{"orderId":"old"}', NULL, now() FROM generate_series(1, 3) g`,
      `INSERT INTO "${schema}".event_positions VALUES (1, 3)`,
    );
    const store = await PostgresEventStore.connect({ connectionString, schema });
    const stale = await store.appendToStream('order-old', [scan('stale')], { expectedVersion: 0 }).catch((e: { code?: string }) => e.code);
    expect(stale).toBe('VERSION_CONFLICT');
    expect(await store.appendToStream('order-old', [scan('next')], { expectedVersion: 3 })).toEqual({ nextVersion: 4, lastPosition: 4 });
    expect(await store.appendToStream('order-new', [scan('new')], { expectedVersion: 0 })).toEqual({ nextVersion: 1, lastPosition: 5 });
    await store.close();

    const client = new Client({ connectionString });
    await client.connect();
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM "${schema}".event_store_migrations ORDER BY version`);
    await client.end();
    expect(rows.map((r) => r.version)).toEqual(POSTGRES_EVENT_MIGRATIONS.map((m) => m.version));
    // a second start applies nothing again
    await (await PostgresEventStore.connect({ connectionString, schema })).close();
  });

  it('migrates once when several processes start on a new schema at the same moment', async () => {
    const schema = `${runId}_race`;
    schemas.push(schema);
    const stores = await Promise.all(Array.from({ length: 4 }, () => PostgresEventStore.connect({ connectionString, schema })));
    const results = await Promise.all(stores.map((s, n) => s.appendToStream(`order-r${n}`, [scan(`r${n}`)], { expectedVersion: 0 })));
    expect(results.map((r) => r.lastPosition).sort()).toEqual([1, 2, 3, 4]);
    await Promise.all(stores.map((s) => s.close()));
  });
});
