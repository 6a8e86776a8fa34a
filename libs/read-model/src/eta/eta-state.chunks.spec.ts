import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import type { EtaViewStore } from '@ot/application';
import { migrateSqlite } from '@ot/sql';
import { type BackingFactory, describeIfReachable, freshBackingEachTest, postgresBackings, postgresUnreachable, sqliteBackings } from '@ot/testing';
import Database from 'better-sqlite3';
import { PostgresEtaViewStore } from './postgres.eta-view.store';
import { ETA_SQLITE_MIGRATIONS, SqliteEtaViewStore } from './sqlite.eta-view.store';

const order = (n: number) => ({ orderId: `o${n}`, route: { from: 'A', to: 'B' }, placedMs: n * 1000, legs: [n, n + 1] });
const stateOf = (orders: number, position: number) => ({
  position,
  learner: { groups: { '*': { weights: [0.5, 1.25], total: 1.75, at: 1 } } },
  origin: 20_000,
  orders: Array.from({ length: orders }, (_, n) => order(n)),
  written: Array.from({ length: orders - 2 }, (_, n) => ({ orderId: `o${n}`, expected: '2026-01-05' })),
  absorbed: [] as string[],
  pending: ['o1', 'o2', 'o3'].map((orderId) => ({ orderId, at: 5 })),
});

/** Saves split into many chunks (2 entries each): what a million open orders do with the real chunk size. */
function describeChunkedState(name: string, backings: BackingFactory<EtaViewStore & { close?: () => unknown }>): void {
  describe(`ETA state in chunks: ${name}`, () => {
    const backing = freshBackingEachTest(backings);

    it('restores a state split into many chunks exactly, in order, for the next store opened', async () => {
      const store = await backing.current.open();
      await store.saveState(stateOf(9, 4), 4);
      await store.saveState(stateOf(5, 7), 7); // fewer chunks than the generation before: none of its rows may leak in
      expect(await (await backing.current.open()).loadState()).toEqual({ state: stateOf(5, 7), position: 7 });
    });

    it('keeps the previous state whole when a save fails midway', async () => {
      const store = await backing.current.open();
      await store.saveState(stateOf(9, 4), 4);
      const broken = { ...stateOf(9, 8), pending: [{ orderId: 'o1' }, { orderId: 'o2' }, { orderId: 'o3', bad: () => 1 }] };
      await expect(store.saveState(broken, 8)).rejects.toThrow(/could not be cloned/);
      expect(await store.loadState()).toEqual({ state: stateOf(9, 4), position: 4 });
    });
  });
}

describeChunkedState(
  'sqlite',
  sqliteBackings('eta-state', (path) => new SqliteEtaViewStore(path, { stateChunkEntries: 2 })),
);
describeIfReachable('ETA state on PostgreSQL', postgresUnreachable(), () => {
  describeChunkedState(
    'postgres',
    postgresBackings('eta_state_test', (db) => PostgresEtaViewStore.open(db, { stateChunkEntries: 2 })),
  );
});

describe('ETA state saved in one row (before schema v3)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ot-eta-old-state-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is read back from a file of the old format, then replaced by the first chunked save', async () => {
    const path = join(dir, 'old.db');
    const old = new Database(path);
    migrateSqlite(old, ETA_SQLITE_MIGRATIONS.slice(0, 2));
    old.prepare('INSERT INTO eta_state (id, position, state) VALUES (1, ?, ?)').run(6, serialize(stateOf(4, 6)));
    old.close();

    const store = new SqliteEtaViewStore(path, { stateChunkEntries: 2 });
    expect(await store.loadState()).toEqual({ state: stateOf(4, 6), position: 6 });
    await store.saveState(stateOf(3, 9), 9);
    store.close();
    const reopened = new SqliteEtaViewStore(path);
    expect(await reopened.loadState()).toEqual({ state: stateOf(3, 9), position: 9 });
    reopened.close();
    const file = new Database(path, { readonly: true });
    expect(file.prepare('SELECT count(*) AS n FROM eta_state').get()).toEqual({ n: 0 });
    file.close();
  });
});
