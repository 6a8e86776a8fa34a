import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { FileOutboxSender } from '@ot/channels';
import { customerHistoryArb, driveNotifier, InMemoryNotificationLog, InMemoryNotificationStore } from '@ot/testing';
import { openNotifierDb } from '../stores/notifier.schema';
import { SqliteNotificationLog } from '../stores/sqlite.notification.log';
import { SqliteNotificationStore } from '../stores/sqlite.notification.store';

/**
 * A replay is a test: the same events fed twice, with the wall clock years apart, a different store,
 * a different bus batching and a dispatch loop that wakes at different moments, write the same outbox
 * lines (the messages the customer gets, with their clock time). Lines are compared sorted: sends due
 * at the same instant may leave in another order when the loop wakes differently.
 */
describe('notifier replay', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ot-notifier-replay-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => jest.useRealTimers());
  let run = 0;

  const outboxLines = (path: string) => readFileSync(path, 'utf8').trim().split('\n').sort();
  const wallClockAt = (iso: string) =>
    jest.useFakeTimers({
      now: new Date(iso),
      doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'],
    });

  it('gives byte-identical messages for the same events, whatever the wall clock, store, batching and dispatch timing', async () => {
    const [history] = fc.sample(
      customerHistoryArb.filter((h) => h.events.length > 30),
      { numRuns: 1, seed: 14 },
    );

    wallClockAt('2020-02-02T02:02:02.000Z');
    const first = join(dir, `${++run}-push.jsonl`);
    await driveNotifier(history, {
      store: new InMemoryNotificationStore(),
      log: new InMemoryNotificationLog(),
      senders: [new FileOutboxSender('push', first)],
      batchSizes: [1],
      wakeAfterBatch: () => true,
    });

    wallClockAt('2031-07-07T07:07:07.000Z');
    const second = join(dir, `${++run}-push.jsonl`);
    const db = openNotifierDb(join(dir, `${run}.db`));
    await driveNotifier(history, {
      store: new SqliteNotificationStore(db),
      log: new SqliteNotificationLog(db),
      senders: [new FileOutboxSender('push', second)],
      batchSizes: [7, 3, 11],
      wakeAfterBatch: (b) => b % 3 === 2,
      redeliver: true,
    });
    db.close();

    const lines = outboxLines(first);
    expect(lines.length).toBeGreaterThan(10);
    expect(outboxLines(second)).toEqual(lines);
    const message = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(Object.keys(message)).toEqual(expect.arrayContaining(['at', 'sentAt', 'orderId', 'kind', 'channel', 'text', 'data']));
    expect(message.at).toBe(message.sentAt);
  });
});
