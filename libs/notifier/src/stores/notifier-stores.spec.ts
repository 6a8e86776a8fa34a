import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  describeIfReachable,
  InMemoryNotificationLog,
  InMemoryNotificationStore,
  InMemoryPreferencesStore,
  memoryBackings,
  postgresBackings,
  postgresUnreachable,
  sqliteBackings,
} from '@ot/testing';
import Database from 'better-sqlite3';
import { describeNotifierStoresContract, s, T0 } from './contract/notifier-stores.contract';
import { NOTIFIER_SQLITE_MIGRATIONS, openNotifierDb } from './notifier.schema';
import { PostgresNotificationLog } from './postgres.notification.log';
import { PostgresNotificationStore } from './postgres.notification.store';
import { PostgresPreferencesStore } from './postgres.preferences.store';
import { SqliteNotificationLog } from './sqlite.notification.log';
import { SqliteNotificationStore } from './sqlite.notification.store';
import { SqlitePreferencesStore } from './sqlite.preferences.store';

describeNotifierStoresContract(
  'in-memory',
  memoryBackings(() => ({ store: new InMemoryNotificationStore(), prefs: new InMemoryPreferencesStore(), log: new InMemoryNotificationLog() })),
  { durable: false },
);
describeNotifierStoresContract(
  'sqlite',
  sqliteBackings('notifier', (path) => {
    const db = openNotifierDb(path);
    return { store: new SqliteNotificationStore(db), prefs: new SqlitePreferencesStore(db), log: new SqliteNotificationLog(db), close: () => db.close() };
  }),
);
describeIfReachable('notifier stores on PostgreSQL', postgresUnreachable(), () => {
  describeNotifierStoresContract(
    'postgres',
    postgresBackings('notifier_test', async (db) => ({
      store: await PostgresNotificationStore.open(db),
      prefs: await PostgresPreferencesStore.open(db),
      log: await PostgresNotificationLog.open(db),
    })),
  );
});

describe('notifier stores: SQLite only', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ot-notifier-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('numbers a file from before numbered migrations and the sent log columns, and reads its sends', async () => {
    const path = join(dir, 'v1.db');
    const old = new Database(path);
    old.exec(NOTIFIER_SQLITE_MIGRATIONS[0].up); // the tables as they were, unnumbered (user_version 0)
    const put = old.prepare(
      `INSERT INTO outbox (notification_id, order_id, customer_id, send, status, next_attempt_at, sent_at) VALUES (?, 'o1', 'c1', ?, ?, ?, ?)`,
    );
    put.run('a', JSON.stringify(s('a', { kind: 'delivered', notBefore: '2026-01-02T11:00:00.000Z' })), 'sent', T0, '2026-01-02T12:30:00.000Z');
    put.run('b', JSON.stringify(s('b', { notBefore: '2026-01-02T13:00:00.000Z' })), 'pending', T0, null);
    put.run('c', JSON.stringify(s('c', { notBefore: '2026-01-01T13:00:00.000Z' })), 'pending', T0, null);
    old.close();
    const store = new SqliteNotificationStore(openNotifierDb(path));
    expect(await store.sentTo('c1', T0)).toEqual([
      { notificationId: 'a', orderId: 'o1', kind: 'delivered', at: '2026-01-02T12:30:00.000Z' },
      { notificationId: 'b', orderId: 'o1', kind: 'shipped', at: '2026-01-02T13:00:00.000Z' },
    ]);
    const again = openNotifierDb(path); // and again: nothing left to migrate
    expect(again.pragma('user_version', { simple: true })).toBe(NOTIFIER_SQLITE_MIGRATIONS.length);
    again.close();
  });

  it('moves a file of version 5 to the partial due and dead indexes: claims, dead letters and the backlog read the same rows', async () => {
    const path = join(dir, 'v5.db');
    const old = new Database(path);
    for (const m of NOTIFIER_SQLITE_MIGRATIONS.slice(0, 5)) old.exec(m.up);
    old.pragma('user_version = 5');
    const put = old.prepare(
      `INSERT INTO outbox (notification_id, order_id, customer_id, send, kind, not_before, status, next_attempt_at, dead_at, dead_reason) VALUES (?, 'o1', 'c1', ?, 'shipped', ?, ?, ?, ?, ?)`,
    );
    for (const [id, status] of [
      ['sent', 'sent'],
      ['due', 'pending'],
      ['gone', 'superseded'],
      ['dead', 'dead'],
    ] as const)
      put.run(id, JSON.stringify(s(id)), T0, status, T0, status === 'dead' ? T0 : null, status === 'dead' ? 'gave up' : null);
    old.close();
    const db = openNotifierDb(path);
    const indexes = db.prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox' AND sql IS NOT NULL`).all();
    expect(indexes.map((i) => i.name).sort()).toEqual(['outbox_customer', 'outbox_dead', 'outbox_digests_due', 'outbox_order', 'outbox_pending_due']);
    const store = new SqliteNotificationStore(db);
    expect(await store.backlog()).toEqual({ pending: 1, dead: 1 });
    expect((await store.deadLetters()).map((d) => d.notificationId)).toEqual(['dead']);
    expect((await store.claimDue('2030-01-01T00:00:00.000Z', '2030-01-01T00:01:00.000Z', 10)).map((q) => q.notificationId)).toEqual(['due']);
    db.close();
  });
});
