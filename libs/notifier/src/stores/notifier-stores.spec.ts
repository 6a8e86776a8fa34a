import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NotificationInbox, NotificationLog, NotificationOutbox, PreferencesStore } from '@ot/application';
import type { SendNotification } from '@ot/domain';
import { InMemoryNotificationLog, InMemoryNotificationStore, InMemoryPreferencesStore, preferencesOf } from '@ot/testing';
import Database from 'better-sqlite3';
import { openNotifierDb } from './notifier.schema';
import { SqliteNotificationLog } from './sqlite.notification.log';
import { SqliteNotificationStore } from './sqlite.notification.store';
import { SqlitePreferencesStore } from './sqlite.preferences.store';

type Stores = { store: NotificationInbox & NotificationOutbox; prefs: PreferencesStore; log: NotificationLog };
const T0 = '2026-01-02T12:00:00.000Z';
const s = (id: string, over: Partial<SendNotification> = {}): SendNotification => ({
  notificationId: id, orderId: 'o1', customerId: 'c1', kind: 'shipped', urgent: false, channels: ['push'], notBefore: T0, facts: { orderId: 'o1' }, ...over,
});
const order = { orderId: 'o1', customerId: 'c1', status: 'Placed' as const, statusAt: T0 };

/** One contract for the notifier's stores, run on the in-memory and the SQLite adapters. */
function storesContract(make: () => Stores) {
  it('records an event once: a second record of the same position writes nothing', async () => {
    const { store } = make();
    expect((await store.handled([1])).has(1)).toBe(false);
    expect(await store.record({ globalPosition: 1, orderId: 'o1', order, sends: [s('a')], superseded: [], at: T0 })).toEqual([true]);
    expect(await store.record({ globalPosition: 1, orderId: 'o1', order, sends: [s('b')], superseded: [], at: T0 })).toEqual([false]);
    expect((await store.handled([1])).has(1)).toBe(true);
    expect(await store.orderContext('o1')).toEqual(order);
    expect((await store.pendingFor('o1')).map((x) => x.notificationId)).toEqual(['a']);
  });

  it('records several events in one call, in order, each at most once', async () => {
    const { store } = make();
    const done = await store.record(
      { globalPosition: 1, orderId: 'o1', order, sends: [s('a')], superseded: [], at: T0 },
      { globalPosition: 2, orderId: 'o1', order: { ...order, status: 'HandedToCarrier' }, sends: [s('b')], superseded: ['a'], at: T0 },
      { globalPosition: 1, orderId: 'o1', order, sends: [s('c')], superseded: [], at: T0 },
    );
    expect(done).toEqual([true, true, false]);
    expect(await store.handled([3, 1, 2])).toEqual(new Set([1, 2]));
    expect((await store.orderContext('o1'))?.status).toBe('HandedToCarrier');
    expect((await store.pendingFor('o1')).map((x) => x.notificationId)).toEqual(['b']);
  });

  it('claims due sends under a lease, supersedes, reschedules, sends and dead-letters', async () => {
    const { store } = make();
    await store.record({ globalPosition: 1, orderId: 'o1', sends: [s('a'), s('later', { notBefore: '2026-01-02T13:00:00.000Z' })], superseded: [], at: T0 });
    const lease = '2026-01-02T12:01:00.000Z';
    expect((await store.claimDue(T0, lease, 10)).map((x) => x.notificationId)).toEqual(['a']);
    expect(await store.claimDue(T0, lease, 10)).toEqual([]); // leased: a second dispatcher does not get it
    expect((await store.claimDue(lease, '2026-01-02T12:02:00.000Z', 10)).map((x) => [x.notificationId, x.attempts])).toEqual([['a', 0]]);
    await store.reschedule('a', 1, '2026-01-02T12:10:00.000Z', 'busy');
    expect((await store.claimDue('2026-01-02T12:10:00.000Z', '2026-01-02T12:11:00.000Z', 10))[0].attempts).toBe(1);
    await store.markSent('a', '2026-01-02T12:10:01.000Z');
    expect((await store.sentTo('c1', '2026-01-01T00:00:00.000Z')).map((x) => [x.notificationId, x.at])).toEqual([
      ['a', '2026-01-02T12:10:01.000Z'],
      ['later', '2026-01-02T13:00:00.000Z'],
    ]);
    await store.record({ globalPosition: 2, orderId: 'o1', sends: [s('newer')], superseded: ['later'], at: T0 });
    expect((await store.pendingFor('o1')).map((x) => x.notificationId)).toEqual(['newer']);
    await store.deadLetter('newer', 'permanent', 1, T0);
    expect(await store.deadLetters()).toEqual([{ notificationId: 'newer', orderId: 'o1', customerId: 'c1', kind: 'shipped', reason: 'permanent', attempts: 1, at: T0 }]);
    expect(await store.redrive('newer', lease)).toBe(true);
    expect(await store.redrive('newer', lease)).toBe(false);
    expect((await store.claimDue(lease, '2026-01-02T12:05:00.000Z', 10)).map((x) => [x.notificationId, x.attempts])).toEqual([['newer', 0]]);
  });

  it('claims a send with the instant it became due (its notBefore, then its retry time), not the lease', async () => {
    const { store } = make();
    await store.record({ globalPosition: 1, orderId: 'o1', sends: [s('a', { notBefore: '2026-01-02T11:00:00.000Z' })], superseded: [], at: T0 });
    expect((await store.claimDue(T0, '2026-01-02T12:01:00.000Z', 10)).map((x) => x.dueAt)).toEqual(['2026-01-02T11:00:00.000Z']);
    await store.reschedule('a', 1, '2026-01-02T11:30:00.000Z', 'busy');
    expect((await store.claimDue(T0, '2026-01-02T12:01:00.000Z', 10)).map((x) => x.dueAt)).toEqual(['2026-01-02T11:30:00.000Z']);
  });

  it('keeps one row per digest: a new version of a queued digest replaces it, one already sent is left alone', async () => {
    const { store } = make();
    const digest = (...orderIds: string[]) =>
      s('digest:c1:slot', { kind: 'digest', notBefore: '2026-01-02T15:00:00.000Z', facts: { orderId: 'o1', digest: orderIds.map((orderId) => ({ orderId, kind: 'shipped' as const, facts: { orderId } })) } });
    await store.record({ globalPosition: 1, orderId: 'o1', sends: [digest('o1')], superseded: [], at: T0 });
    await store.record({ globalPosition: 2, orderId: 'o2', sends: [digest('o1', 'o2')], superseded: [], at: T0 });
    expect(await store.pendingFor('o1')).toEqual([]); // never part of an order's burst
    expect(await store.pendingDigests('c1')).toEqual([digest('o1', 'o2')]);
    expect((await store.sentTo('c1', T0)).map((x) => x.notificationId)).toEqual(['digest:c1:slot']);
    const [claimed, ...more] = await store.claimDue('2026-01-02T15:00:00.000Z', '2026-01-02T15:01:00.000Z', 10);
    expect(more).toEqual([]);
    expect(claimed.facts.digest!.map((i) => i.orderId)).toEqual(['o1', 'o2']);
    await store.markSent('digest:c1:slot', '2026-01-02T15:00:00.000Z');
    await store.record({ globalPosition: 3, orderId: 'o3', sends: [digest('o1', 'o2', 'o3')], superseded: [], at: T0 });
    expect(await store.pendingDigests('c1')).toEqual([]);
  });

  it('keeps preferences whole and forgets one device token', async () => {
    const { prefs } = make();
    await prefs.put(preferencesOf('c1', { contacts: { deviceTokens: ['t1', 't2'], email: 'a@b.c' } }));
    await prefs.removeDeviceToken('c1', 't1');
    await prefs.removeDeviceToken('nobody', 't1');
    expect((await prefs.get('c1'))?.contacts).toEqual({ deviceTokens: ['t2'], email: 'a@b.c' });
    expect(await prefs.get('nobody')).toBeUndefined();
  });

  it('logs attempts per order in order', async () => {
    const { log } = make();
    await log.append({ orderId: 'o1', notificationId: 'a', kind: 'shipped', channel: 'push', status: 'transient-failure', error: 'busy', at: T0 });
    await log.append({ orderId: 'o2', notificationId: 'b', kind: 'shipped', status: 'dead-lettered', at: T0 });
    await log.append({ orderId: 'o1', notificationId: 'a', kind: 'shipped', channel: 'push', status: 'sent', providerMessageId: 'p1', at: T0 });
    expect((await log.forOrder('o1')).map((a) => [a.status, a.providerMessageId ?? a.error])).toEqual([['transient-failure', 'busy'], ['sent', 'p1']]);
  });
}

describe('notifier stores: in-memory', () => {
  storesContract(() => ({ store: new InMemoryNotificationStore(), prefs: new InMemoryPreferencesStore(), log: new InMemoryNotificationLog() }));
});

describe('notifier stores: SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ot-notifier-'));
  let n = 0;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  storesContract(() => {
    const db = openNotifierDb(join(dir, `n${++n}.db`));
    return { store: new SqliteNotificationStore(db), prefs: new SqlitePreferencesStore(db), log: new SqliteNotificationLog(db) };
  });

  it('records a batch atomically: a failure on its last event writes none of it', async () => {
    const store = new SqliteNotificationStore(openNotifierDb(join(dir, 'atomic.db')));
    const broken = { ...s('bad'), facts: { orderId: 'o1', n: 1n } as unknown as SendNotification['facts'] }; // cannot be serialised: throws mid-transaction
    await expect(
      store.record(
        { globalPosition: 1, orderId: 'o1', order, sends: [s('a')], superseded: [], at: T0 },
        { globalPosition: 2, orderId: 'o1', order, sends: [broken], superseded: [], at: T0 },
      ),
    ).rejects.toThrow();
    expect((await store.handled([1])).has(1)).toBe(false);
    expect(await store.orderContext('o1')).toBeUndefined();
    expect(await store.pendingFor('o1')).toEqual([]);
    expect(await store.record({ globalPosition: 1, orderId: 'o1', order, sends: [s('a')], superseded: [], at: T0 })).toEqual([true]); // redelivered
  });

  it('opens a file from before the sent log had its own columns, and reads its sends', async () => {
    const path = join(dir, 'v1.db');
    const old = new Database(path);
    old.exec(`CREATE TABLE outbox (notification_id TEXT PRIMARY KEY, order_id TEXT NOT NULL, customer_id TEXT NOT NULL, send TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'dead', 'superseded')), attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT NOT NULL,
      sent_at TEXT, last_error TEXT, dead_reason TEXT, dead_at TEXT)`);
    const put = old.prepare(`INSERT INTO outbox (notification_id, order_id, customer_id, send, status, next_attempt_at, sent_at) VALUES (?, 'o1', 'c1', ?, ?, ?, ?)`);
    put.run('a', JSON.stringify(s('a', { kind: 'delivered', notBefore: '2026-01-02T11:00:00.000Z' })), 'sent', T0, '2026-01-02T12:30:00.000Z');
    put.run('b', JSON.stringify(s('b', { notBefore: '2026-01-02T13:00:00.000Z' })), 'pending', T0, null);
    put.run('c', JSON.stringify(s('c', { notBefore: '2026-01-01T13:00:00.000Z' })), 'pending', T0, null);
    old.close();
    const store = new SqliteNotificationStore(openNotifierDb(path));
    expect(await store.sentTo('c1', T0)).toEqual([
      { notificationId: 'a', orderId: 'o1', kind: 'delivered', at: '2026-01-02T12:30:00.000Z' },
      { notificationId: 'b', orderId: 'o1', kind: 'shipped', at: '2026-01-02T13:00:00.000Z' },
    ]);
    expect(new SqliteNotificationStore(openNotifierDb(path))).toBeDefined(); // and again: nothing left to migrate
  });

  it('survives a reopen: the decision log is durable', async () => {
    const path = join(dir, 'reopen.db');
    const db = openNotifierDb(path);
    await new SqliteNotificationStore(db).record({ globalPosition: 9, orderId: 'o1', order, sends: [s('a')], superseded: [], at: T0 });
    db.close();
    const again = new SqliteNotificationStore(openNotifierDb(path));
    expect((await again.handled([9])).has(9)).toBe(true);
    expect((await again.pendingFor('o1')).map((x) => x.notificationId)).toEqual(['a']);
  });
});
