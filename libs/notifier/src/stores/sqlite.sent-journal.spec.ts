import type { NotificationAttempt } from '@ot/application';
import { s, T0 } from './contract/notifier-stores.contract';
import { openNotifierDb } from './notifier.schema';
import { SqliteNotificationLog } from './sqlite.notification.log';
import { SqliteNotificationStore } from './sqlite.notification.store';

function setup() {
  const db = openNotifierDb(':memory:');
  const store = new SqliteNotificationStore(db);
  const log = new SqliteNotificationLog(db);
  const line: NotificationAttempt = { orderId: 'o1', notificationId: 'a', kind: 'out-for-delivery', channel: 'push', status: 'sent', at: T0 };
  return { db, store, log, journal: store.sentJournal(log), line };
}

describe('SqliteNotificationStore.sentJournal: a delivered send in one commit', () => {
  it('writes the attempt lines and marks the send sent', async () => {
    const { store, log, journal, line } = setup();
    await store.record({ globalPosition: 1, orderId: 'o1', sends: [s('a')], superseded: [], at: T0 });
    await journal.sent('a', T0, [line]);
    expect((await log.forOrder('o1')).map((l) => l.status)).toEqual(['sent']);
    expect(await store.claimDue('2030-01-01T00:00:00.000Z', '2030-01-01T00:01:00.000Z', 10)).toEqual([]);
  });

  it('writes no line when the mark fails: the send stays claimable, its log does not claim it was sent', async () => {
    const { db, store, log, journal, line } = setup();
    await store.record({ globalPosition: 1, orderId: 'o1', sends: [s('a')], superseded: [], at: T0 });
    db.exec(`CREATE TRIGGER no_sent BEFORE UPDATE OF status ON outbox WHEN NEW.status = 'sent' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    // better-sqlite3's SqliteError is made in the first test file's realm, so a later file's toThrow would not see an Error
    await expect(journal.sent('a', T0, [line])).rejects.toHaveProperty('message', 'disk full');
    expect(await log.forOrder('o1')).toEqual([]);
    expect((await store.claimDue('2030-01-01T00:00:00.000Z', '2030-01-01T00:01:00.000Z', 10)).map((q) => q.notificationId)).toEqual(['a']);
  });

  it('refuses a log kept in another file, which could not commit with the outbox', () => {
    const { store } = setup();
    expect(() => store.sentJournal(new SqliteNotificationLog(openNotifierDb(':memory:')))).toThrow(/same file|outbox file/);
  });
});
