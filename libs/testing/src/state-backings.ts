import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresDatabase } from '@ot/sql';
import { Client } from 'pg';
import { postgresProbe, probeSync } from './reachability.probe';

/**
 * Where a contract suite keeps one test's state: `open()` gives a store on it, and calling it again
 * gives a second store on the SAME state (a restart, or a second host). `close()` closes them all.
 */
export type Backing<T> = Readonly<{ open: () => Promise<T>; close: () => Promise<void> }>;

/** Makes one fresh backing per test, and removes what is left of them after the file. */
export type BackingFactory<T> = Readonly<{ fresh: () => Promise<Backing<T>>; cleanup: () => Promise<void> }>;

/** Stores that hold a file, a listener or a pool have close(); the rest are simply dropped. */
const closeStore = async (store: unknown): Promise<void> => void (await (store as { close?: () => unknown }).close?.());

/** Test state in process: every `open()` of one backing is the same instance. */
export function memoryBackings<T>(make: () => T): BackingFactory<T> {
  return {
    fresh: async () => {
      const store = make();
      return { open: async () => store, close: async () => undefined };
    },
    cleanup: async () => undefined,
  };
}

/** Test state in SQLite files: one new file per backing. */
export function sqliteBackings<T>(prefix: string, open: (path: string) => T): BackingFactory<T> {
  const dir = mkdtempSync(join(tmpdir(), `ot-${prefix}-`));
  let n = 0;
  return {
    fresh: async () => {
      const path = join(dir, `${++n}.db`);
      const opened: T[] = [];
      return {
        open: async () => {
          const store = open(path);
          opened.push(store);
          return store;
        },
        close: async () => void (await Promise.all(opened.map(closeStore))),
      };
    },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Null when PostgreSQL answers at DATABASE_URL, else why not (for describeIfReachable). */
export const postgresUnreachable = (): string | null => probeSync(postgresProbe(TEST_DATABASE_URL));

/**
 * Test state in PostgreSQL: one new schema per backing, each `open()` on its own pool (as another
 * host would be), every schema dropped at cleanup.
 */
export function postgresBackings<T>(prefix: string, open: (db: PostgresDatabase) => Promise<T>): BackingFactory<T> {
  const run = `${prefix}_${randomUUID().slice(0, 8)}`;
  const schemas: string[] = [];
  return {
    fresh: async () => {
      const schema = `${run}_${schemas.length + 1}`;
      schemas.push(schema);
      const opened: { db: PostgresDatabase; store: T }[] = [];
      return {
        open: async () => {
          const db = await PostgresDatabase.connect({ connectionString: TEST_DATABASE_URL, schema });
          const store = await open(db);
          opened.push({ db, store });
          return store;
        },
        close: async () => {
          for (const { db, store } of opened) {
            await closeStore(store);
            await db.close();
          }
        },
      };
    },
    cleanup: async () => {
      const client = new Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

/** Inside a describe: a fresh backing before each test (`current`), closed after it; leftovers removed after the file. */
export function freshBackingEachTest<T>(backings: BackingFactory<T>): { readonly current: Backing<T> } {
  const holder = {} as { current: Backing<T> };
  beforeEach(async () => {
    holder.current = await backings.fresh();
  });
  afterEach(() => holder.current.close());
  afterAll(() => backings.cleanup());
  return holder;
}
