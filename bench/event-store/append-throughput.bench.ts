/**
 * Appends per second with and without group commit. Prints one line per scenario.
 *
 *   node -r ./scripts/swc-register.js bench/event-store/append-throughput.bench.ts sqlite [dir]
 *   node -r ./scripts/swc-register.js bench/event-store/append-throughput.bench.ts postgres [connectionString]
 *
 * Scenarios: one writer awaiting each append (a transaction each); 64 concurrent writers with group
 * commit off (maxGroupSize 1: a transaction each, queued); 64 concurrent writers with group commit on.
 */
import type { EventStore } from '@ot/application';
import { answerHelp, exitWithUsage } from '@ot/config';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { PostgresEventStore, SqliteEventStore } from '@ot/event-store';

const USAGE = 'usage: npm run bench:append -- [sqlite [dir] | postgres [connectionString]]';
answerHelp(USAGE);
const [kind = 'sqlite', target] = process.argv.slice(2);
if (kind !== 'sqlite' && kind !== 'postgres') exitWithUsage(`unknown store: ${kind}\n${USAGE}`);
const APPENDS = Number(process.env.BENCH_APPENDS ?? 2000);
const WRITERS = 64;

type Opened = { store: EventStore; dispose: () => Promise<void> };

async function open(maxGroupSize: number): Promise<Opened> {
  const name = `bench_${randomUUID().slice(0, 8)}`;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(target ?? tmpdir(), 'ot-bench-'));
    const store = new SqliteEventStore({ path: join(dir, `${name}.db`), maxGroupSize });
    return { store, dispose: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
  }
  const connectionString = target ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const store = await PostgresEventStore.connect({ connectionString, schema: name, maxGroupSize, poolSize: 4 });
  const dispose = async (): Promise<void> => {
    await store.close();
    const client = new Client({ connectionString });
    await client.connect();
    await client.query(`DROP SCHEMA "${name}" CASCADE`);
    await client.end();
  };
  return { store, dispose };
}

const event = (n: number) =>
  ({ type: 'PaymentApproved', data: { orderId: `${n}`, partner: 'warehouse', partnerEventId: `p${n}`, occurredAt: '2026-01-01T00:00:00.000Z' } }) as const;

/** `writers` loops, each appending to its own stream, until APPENDS appends are done in total. */
async function run(label: string, writers: number, maxGroupSize: number): Promise<void> {
  const { store, dispose } = await open(maxGroupSize);
  const perWriter = Math.ceil(APPENDS / writers);
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let v = 0; v < perWriter; v++) await store.appendToStream(`order-${w}`, [event(v)], { expectedVersion: v });
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const total = perWriter * writers;
  console.log(`${kind} ${label.padEnd(52)} ${total} appends in ${seconds.toFixed(2)}s = ${Math.round(total / seconds)} appends/s`);
  await dispose();
}

(async () => {
  await run('1 writer, sequential (no grouping possible)', 1, 256);
  await run(`${WRITERS} writers, group commit OFF (maxGroupSize 1)`, WRITERS, 1);
  await run(`${WRITERS} writers, group commit ON (maxGroupSize 256)`, WRITERS, 256);
})().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
