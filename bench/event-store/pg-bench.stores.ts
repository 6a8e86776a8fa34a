import type { NewEvent } from '@ot/application';
import { POSTGRES_EVENT_MIGRATIONS, PostgresEventStore, postgresNames } from '@ot/event-store';
import { dumbo } from '@event-driven-io/dumbo';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';

/** What the comparison needs from a store; each method does one store call. */
export type BenchStore = {
  /** The database its tables live in (the CPU probe reads its backends). */
  connectionString: string;
  append(streamId: string, events: readonly BenchEvent[], expectedVersion: number): Promise<void>;
  /** Returns the number of events read. */
  readStream(streamId: string): Promise<number>;
  /** Returns how many events it read and the position of the last one (-1 when none). */
  readAll(after: number, limit: number): Promise<{ count: number; last: number }>;
  /** ANALYZE after a bulk fill, so both planners see the same statistics. */
  analyze(): Promise<void>;
  /** Closes the store and throws its data away. */
  dispose(): Promise<void>;
};

export type BenchEvent = { type: string; data: Record<string, unknown> };
/** `ours-before`: ours with the append function of migration 3, the previous release, for a before/after in one run. */
export type StoreName = 'ours' | 'ours-before' | 'emmett';

/** Both stores get the same pool size, so reads are compared at equal parallelism. */
export const POOL_SIZE = 10;

async function sql(connectionString: string, ...statements: string[]): Promise<void> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Ours: a fresh schema per case in the given database, dropped afterwards; `before` puts migration 3's append function back. */
async function openOurs(connectionString: string, before: boolean): Promise<BenchStore> {
  const schema = `pgbench_${randomUUID().slice(0, 8)}`;
  const store = await PostgresEventStore.connect({ connectionString, schema, poolSize: POOL_SIZE });
  if (before) {
    const names = postgresNames(schema);
    const previous = POSTGRES_EVENT_MIGRATIONS.find((m) => m.version === 3)!;
    await sql(connectionString, `DROP FUNCTION ${names.appendEvents}`, previous.sql(names));
  }
  return {
    connectionString,
    append: async (streamId, events, expectedVersion) => void (await store.appendToStream(streamId, events as unknown as NewEvent[], { expectedVersion })),
    readStream: async (streamId) => (await store.readStream(streamId)).events.length,
    readAll: async (after, limit) => {
      const events = await store.readAll(after, limit);
      return { count: events.length, last: events.at(-1)?.globalPosition ?? -1 };
    },
    analyze: () => sql(connectionString, `ANALYZE "${schema}".events`),
    dispose: async () => {
      await store.close();
      await sql(connectionString, `DROP SCHEMA "${schema}" CASCADE`);
    },
  };
}

/**
 * Emmett: its tables and functions live in `public` of a database of its own (`<db>_emmett`,
 * created on first use); each case starts from an empty `public`, which Emmett migrates on first append.
 */
async function openEmmett(connectionString: string): Promise<BenchStore> {
  const url = new URL(connectionString);
  const database = `${url.pathname.slice(1)}_emmett`;
  const admin = new Client({ connectionString });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  url.pathname = `/${database}`;
  const emmettUrl = url.toString();
  await sql(emmettUrl, 'DROP SCHEMA IF EXISTS public CASCADE', 'CREATE SCHEMA public');

  const pool = new Pool({ connectionString: emmettUrl, max: POOL_SIZE });
  const db = dumbo({ connectionString: emmettUrl, pooled: true, pool });
  const store = getPostgreSQLEventStore(emmettUrl, { connectionOptions: { dumbo: db } });
  await store.schema.migrate();
  return {
    connectionString: emmettUrl,
    append: async (streamId, events, expectedVersion) =>
      void (await store.appendToStream(streamId, [...events], { expectedStreamVersion: BigInt(expectedVersion) })),
    readStream: async (streamId) => (await store.readStream(streamId)).events.length,
    readAll: async (after, limit) => {
      const { messages } = await readMessagesBatch(db.execute, { after: BigInt(after), batchSize: limit });
      return { count: messages.length, last: messages.length ? Number(messages[messages.length - 1].metadata.globalPosition) : -1 };
    },
    analyze: () => sql(emmettUrl, 'ANALYZE emt_messages', 'ANALYZE emt_streams'),
    dispose: async () => {
      await store.close();
      await pool.end().catch(() => undefined); // Emmett may already have ended the pool it was given
    },
  };
}

export const openStore = (name: StoreName, connectionString: string): Promise<BenchStore> =>
  name === 'emmett' ? openEmmett(connectionString) : openOurs(connectionString, name === 'ours-before');
