import type { EventDecisions } from '@ot/application';
import { s, T0 } from './contract/notifier-stores.contract';
import { openNotifierDb } from './notifier.schema';
import { SqliteNotificationLog } from './sqlite.notification.log';
import { SqliteNotificationStore } from './sqlite.notification.store';

function setup() {
  const db = openNotifierDb(':memory:');
  const store = new SqliteNotificationStore(db);
  const log = new SqliteNotificationLog(db);
  return { db, store, log, journal: store.decisionJournal(log) };
}

const optedOut = (globalPosition: number, notificationId: string): EventDecisions => ({
  globalPosition,
  orderId: 'o1',
  sends: [],
  superseded: [],
  unsent: [{ notificationId, orderId: 'o1', kind: 'delay-predicted', reason: 'opted-out' }],
  at: T0,
});

describe('SqliteNotificationStore.decisionJournal: a batch and its unsent lines in one commit', () => {
  it('records the decisions and logs the unsent lines of the events it recorded, none of a redelivered one', async () => {
    const { store, log, journal } = setup();
    expect(await journal.record([optedOut(1, 'n1'), { globalPosition: 2, orderId: 'o1', sends: [s('a')], superseded: [], at: T0 }])).toEqual([true, true]);
    expect(await journal.record([optedOut(1, 'n1'), optedOut(3, 'n3')])).toEqual([false, true]);
    expect((await log.forOrder('o1')).map((l) => [l.notificationId, l.status])).toEqual([
      ['n1', 'opted-out'],
      ['n3', 'opted-out'],
    ]);
    expect(await store.handled([1, 2, 3])).toEqual(new Set([1, 2, 3]));
  });

  it('writes neither the decisions nor the lines when the lines fail: the batch is redelivered whole', async () => {
    const { db, store, log, journal } = setup();
    db.exec(`CREATE TRIGGER no_lines BEFORE INSERT ON notification_log BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    // better-sqlite3's SqliteError is made in the first test file's realm, so a later file's toThrow would not see an Error
    await expect(journal.record([optedOut(1, 'n1')])).rejects.toHaveProperty('message', 'disk full');
    db.exec('DROP TRIGGER no_lines');
    expect(await store.handled([1])).toEqual(new Set());
    expect(await log.forOrder('o1')).toEqual([]);
  });

  it('refuses a log kept in another file, which could not commit with the inbox', () => {
    const { store } = setup();
    expect(() => store.decisionJournal(new SqliteNotificationLog(openNotifierDb(':memory:')))).toThrow(/inbox file/);
  });
});
