import { describeIfReachable, postgresBackings, postgresUnreachable } from '@ot/testing';
import Database from 'better-sqlite3';
import type { Migration } from './migration';
import type { PostgresDatabase } from './postgres.database';
import { migratePostgres } from './postgres.migrations';
import { migrateSqlite } from './sqlite.migrations';

// No IF NOT EXISTS: a step that ran twice would fail, so passing twice proves it ran once.
const v1: Migration = { version: 1, name: 'items', up: 'CREATE TABLE items (id TEXT PRIMARY KEY)' };
const v2: Migration = { version: 2, name: 'item names', up: 'ALTER TABLE items ADD COLUMN name TEXT' };

describe('numbered migrations on SQLite (PRAGMA user_version)', () => {
  it('applies each step once, in order, and picks up only the new ones on a later start', () => {
    const db = new Database(':memory:');
    expect(migrateSqlite(db, [v1])).toBe(1);
    expect(migrateSqlite(db, [v1])).toBe(1);
    expect(migrateSqlite(db, [v1, v2])).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    db.prepare('INSERT INTO items (id, name) VALUES (?, ?)').run('a', 'n');
  });

  it('leaves the file as it was when a step fails: no half-applied version', () => {
    const db = new Database(':memory:');
    const broken: Migration = { version: 2, name: 'broken', up: 'ALTER TABLE items ADD COLUMN name TEXT; ALTER TABLE nope ADD COLUMN x TEXT' };
    migrateSqlite(db, [v1]);
    expect(() => migrateSqlite(db, [v1, broken])).toThrow(/nope/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(migrateSqlite(db, [v1, v2])).toBe(2); // the name column was rolled back with it
  });

  it('refuses a list with a hole, and a file newer than the list', () => {
    const db = new Database(':memory:');
    expect(() => migrateSqlite(db, [v2])).toThrow('migration "item names" is numbered 2, expected 1');
    migrateSqlite(db, [v1, v2]);
    expect(() => migrateSqlite(db, [v1])).toThrow(/schema version 2, newer than this release knows \(1\)/);
  });
});

describeIfReachable('numbered migrations on PostgreSQL (schema_migrations)', postgresUnreachable(), () => {
  const backings = postgresBackings('migrations_test', async (db: PostgresDatabase) => db);
  afterAll(() => backings.cleanup());

  it('migrates once when two processes start at the same time, and keeps one line of versions per store', async () => {
    const backing = await backings.fresh();
    const [a, b] = [await backing.open(), await backing.open()];
    expect(await Promise.all([migratePostgres(a, 'items', [v1, v2]), migratePostgres(b, 'items', [v1, v2])])).toEqual([2, 2]);
    expect(await migratePostgres(a, 'other', [{ version: 1, name: 'other', up: 'CREATE TABLE other (id text)' }])).toBe(1);
    const rows = await a.query<{ store: string; version: number; name: string }>('SELECT store, version, name FROM schema_migrations ORDER BY store, version');
    expect(rows).toEqual([
      { store: 'items', version: 1, name: 'items' },
      { store: 'items', version: 2, name: 'item names' },
      { store: 'other', version: 1, name: 'other' },
    ]);
    await expect(migratePostgres(b, 'items', [v1])).rejects.toThrow(/items is at schema version 2, newer than this release knows \(1\)/);
    await backing.close();
  });

  it('rolls a failed run back whole: no step of it and no number stays', async () => {
    const backing = await backings.fresh();
    const db = await backing.open();
    await expect(migratePostgres(db, 'items', [v1, { version: 2, name: 'broken', up: 'ALTER TABLE nope ADD COLUMN x text' }])).rejects.toThrow(/nope/);
    expect(await db.query("SELECT to_regclass('items') AS t, to_regclass('schema_migrations') AS m")).toEqual([{ t: null, m: null }]); // the whole run, step 1 too
    expect(await migratePostgres(db, 'items', [v1, v2])).toBe(2);
    await backing.close();
  });
});
