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
    expect(again.pragma('user_version', { simple: true })).toBe(2);
    again.close();
  });
});
