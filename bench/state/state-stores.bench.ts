/**
 * The state stores side by side, SQLite against PostgreSQL, on the production code paths: the status
 * projection folding deliveries into documents, and the notifier (inbox handler, domain policy,
 * dispatcher) deciding and sending them. Prints one JSON line per store and path.
 *
 *   DATABASE_URL=postgres://... node -r ./scripts/swc-register.js bench/state/state-stores.bench.ts [orders]
 */
import {
  domainNotifierPolicy,
  domainRenderer,
  NotificationDispatcher,
  NotificationInboxHandler,
  type RecordedEvent,
  StatusProjection,
  type StatusViewStore,
} from '@ot/application';
import {
  PostgresNotificationLog,
  PostgresNotificationStore,
  PostgresPreferencesStore,
  SqliteNotificationLog,
  SqliteNotificationStore,
  SqlitePreferencesStore,
  openNotifierDb,
} from '@ot/notifier';
import { PostgresStatusViewStore, SqliteStatusViewStore } from '@ot/read-model';
import { PostgresDatabase } from '@ot/sql';
import { deliveredOrder, preferencesOf, recorded, RecordingChannelSender } from '@ot/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ORDERS = Number(process.argv[2] ?? 2000);
const BATCH = 100; // a bus batch / projection page
const connectionString = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** One customer per order, the orders' events interleaved as a busy topic carries them. */
function traffic(): RecordedEvent[] {
  const journeys = Array.from({ length: ORDERS }, (_, n) =>
    deliveredOrder(`o${n}`).map((e) => (e.type === 'OrderPlaced' ? { ...e, data: { ...e.data, customerId: `c${n}` } } : e)),
  );
  return recorded(...journeys[0].flatMap((_, step) => journeys.map((j) => j[step])));
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const pages = <T>(xs: readonly T[]) => Array.from({ length: Math.ceil(xs.length / BATCH) }, (_, i) => xs.slice(i * BATCH, (i + 1) * BATCH));

async function projection(kind: string, store: StatusViewStore, events: RecordedEvent[]): Promise<void> {
  const p = new StatusProjection(store);
  const start = process.hrtime.bigint();
  for (const page of pages(events)) await p.apply(page);
  const s = seconds(start);
  console.log(
    JSON.stringify({ store: kind, path: 'status projection', events: events.length, seconds: +s.toFixed(2), eventsPerSecond: Math.round(events.length / s) }),
  );
}

type NotifierState = ConstructorParameters<typeof NotificationDispatcher>;

async function notifier(
  kind: string,
  store: NotifierState[0] & ConstructorParameters<typeof NotificationInboxHandler>[0],
  prefs: NotifierState[1],
  log: NotifierState[2],
  events: RecordedEvent[],
): Promise<void> {
  for (let n = 0; n < ORDERS; n++) await prefs.put(preferencesOf(`c${n}`));
  const senders = (['push', 'sms', 'email'] as const).map((c) => new RecordingChannelSender(c));
  const inbox = new NotificationInboxHandler(store, prefs, domainNotifierPolicy(), log);
  const clock = { now: () => new Date('2026-02-01T00:00:00.000Z') };
  const dispatcher = new NotificationDispatcher(store, prefs, log, new Map(senders.map((s) => [s.channel, s])), domainRenderer, clock);
  let start = process.hrtime.bigint();
  for (const page of pages(events)) await inbox.handleBatch(page);
  const decide = seconds(start);
  start = process.hrtime.bigint();
  while ((await dispatcher.tick()) > 0);
  const send = seconds(start);
  const sent = senders.reduce((n, s) => n + s.sent.length, 0);
  console.log(
    JSON.stringify({
      store: kind,
      path: 'notifier decide',
      events: events.length,
      seconds: +decide.toFixed(2),
      eventsPerSecond: Math.round(events.length / decide),
    }),
  );
  console.log(JSON.stringify({ store: kind, path: 'notifier dispatch', sent, seconds: +send.toFixed(2), sendsPerSecond: Math.round(sent / send) }));
}

async function main(): Promise<void> {
  const events = traffic();
  const dir = mkdtempSync(join(tmpdir(), 'ot-state-bench-'));
  try {
    const status = new SqliteStatusViewStore({ path: join(dir, 'status.db') });
    await projection('sqlite', status, events);
    await status.close();
    const db = openNotifierDb(join(dir, 'notifier.db'));
    await notifier('sqlite', new SqliteNotificationStore(db), new SqlitePreferencesStore(db), new SqliteNotificationLog(db), events);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const schema = `state_bench_${randomUUID().slice(0, 8)}`;
  const pg = await PostgresDatabase.connect({ connectionString, schema });
  try {
    const status = await PostgresStatusViewStore.open(pg);
    await projection('postgres', status, events);
    await status.close();
    await notifier(
      'postgres',
      await PostgresNotificationStore.open(pg),
      await PostgresPreferencesStore.open(pg),
      await PostgresNotificationLog.open(pg),
      events,
    );
  } finally {
    await pg.query(`DROP SCHEMA "${schema}" CASCADE`);
    await pg.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
