import { domainRenderer, NotificationDispatcher, type ChannelSender, type SentJournal } from '@ot/application';
import type { Channel, CustomerPreferences, Outgoing, SendNotification } from '@ot/domain';
import { openNotifierDb, SqliteNotificationLog, SqliteNotificationStore, SqlitePreferencesStore } from '@ot/notifier';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * CPU per delivered send of the dispatcher on the notifier's SQLite file: the attempt line and the
 * outbox mark written apart (two commits) or through the store's sent journal (one). Both modes
 * alternate in one process, so the machine's load weighs on them alike.
 *   node -r ./scripts/swc-register.js bench/tools/dispatcher-commits.ts [sends per run] [rounds]
 */
const T0 = '2026-01-02T12:00:00.000Z';
// a fixed clock and preferences of its own: @ot/testing is not part of the build (it needs jest's globals)
const clock = { now: () => new Date(T0) };
const preferencesOf = (customerId: string): CustomerPreferences => ({
  customerId,
  language: 'en',
  timeZone: 'UTC',
  channels: { 'out-for-delivery': ['push'] },
  contacts: { deviceTokens: ['tok-1'] },
});
const stub: ChannelSender = { channel: 'push' as Channel, send: async (_m: Outgoing) => ({ providerMessageId: 'stub' }) };

async function run(mode: 'apart' | 'journal', sends: number): Promise<number> {
  const db = openNotifierDb(join(mkdtempSync(join(tmpdir(), 'ot-dispatch-')), 'notifier.db'));
  const store = new SqliteNotificationStore(db);
  const log = new SqliteNotificationLog(db);
  const prefs = new SqlitePreferencesStore(db);
  for (let c = 0; c < 1000; c++) await prefs.put(preferencesOf(`c${c}`));
  const sendOf = (i: number): SendNotification => ({
    notificationId: `o${i}:out-for-delivery:${i}`,
    orderId: `o${i}`,
    customerId: `c${i % 1000}`,
    kind: 'out-for-delivery',
    urgent: true,
    channels: ['push'],
    notBefore: T0,
    facts: { orderId: `o${i}` },
  });
  for (let i = 0; i < sends; i += 500)
    await store.record(
      ...Array.from({ length: Math.min(500, sends - i) }, (_, k) => ({
        globalPosition: i + k + 1,
        orderId: `o${i + k}`,
        sends: [sendOf(i + k)],
        superseded: [],
        at: T0,
      })),
    );
  const journal: SentJournal | undefined = mode === 'journal' ? store.sentJournal(log) : undefined;
  const dispatcher = new NotificationDispatcher(store, prefs, log, new Map([['push', stub]]), domainRenderer, clock, { journal });
  const before = process.cpuUsage();
  let sent = 0;
  for (let n = await dispatcher.tick(); n > 0; n = await dispatcher.tick()) sent += n;
  const cpu = process.cpuUsage(before);
  db.close();
  if (sent !== sends) throw new Error(`sent ${sent} of ${sends}`);
  return (cpu.user + cpu.system) / sends;
}

async function main(): Promise<void> {
  const sends = Number(process.argv[2] ?? 10_000);
  const rounds = Number(process.argv[3] ?? 3);
  for (let r = 0; r < rounds; r++)
    for (const mode of ['apart', 'journal'] as const) console.log(`${mode}\t${(await run(mode, sends)).toFixed(1)} CPU us per send`);
}

void main();
