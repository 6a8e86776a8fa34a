import {
  type Clock,
  domainNotifierPolicy,
  domainRenderer,
  NotificationDispatcher,
  NotificationInboxHandler,
  type NotificationInbox,
  type NotificationLog,
  type NotificationOutbox,
  type PreferencesStore,
  type RecordedEvent,
} from '@ot/application';
import type { Outgoing } from '@ot/domain';
import {
  deliveredOrder,
  describeIfReachable,
  InMemoryNotificationLog,
  InMemoryNotificationStore,
  InMemoryPreferencesStore,
  postgresBackings,
  postgresUnreachable,
  preferencesOf,
  recorded,
  RecordingChannelSender,
} from '@ot/testing';
import { PostgresNotificationLog } from './postgres.notification.log';
import { PostgresNotificationStore } from './postgres.notification.store';
import { PostgresPreferencesStore } from './postgres.preferences.store';

type Host = Readonly<{ inbox: NotificationInboxHandler; dispatcher: NotificationDispatcher; sent: () => Outgoing[] }>;
type State = Readonly<{ store: NotificationInbox & NotificationOutbox; prefs: PreferencesStore; log: NotificationLog }>;

const ORDERS = 30;
/** Every send is due by then: the dispatchers drain the whole outbox. */
const LATER: Clock = { now: () => new Date('2026-02-01T00:00:00.000Z') };

/** 30 customers, one delivered order each, the orders' events interleaved as a busy topic would carry them. */
function traffic(): RecordedEvent[] {
  const journeys = Array.from({ length: ORDERS }, (_, n) =>
    deliveredOrder(`o${n}`).map((e) => (e.type === 'OrderPlaced' ? { ...e, data: { ...e.data, customerId: `c${n}` } } : e)),
  );
  return recorded(...journeys[0].flatMap((_, step) => journeys.map((j) => j[step])));
}

/** One notifier host: the production inbox handler, policy and dispatcher, its own senders. */
function host({ store, prefs, log }: State): Host {
  const senders = (['push', 'sms', 'email'] as const).map((c) => new RecordingChannelSender(c));
  return {
    inbox: new NotificationInboxHandler(store, prefs, domainNotifierPolicy(), log),
    dispatcher: new NotificationDispatcher(store, prefs, log, new Map(senders.map((s) => [s.channel, s])), domainRenderer, LATER, { batchSize: 5 }),
    sent: () => senders.flatMap((s) => s.sent),
  };
}

async function drain(h: Host): Promise<void> {
  while ((await h.dispatcher.tick()) > 0);
}

const idsOf = (sent: readonly Outgoing[]) => sent.map((m) => m.notificationId).sort();
const chunks = <T>(xs: readonly T[], size: number): T[][] => Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));

/**
 * Two notifier hosts on one PostgreSQL schema are handed the same events (a partition that moved
 * while its old owner was still working it) and drain the same outbox at once. What one customer
 * must get is what one host alone would send: every notification once, none lost, none twice.
 */
describeIfReachable('notifier idempotency across hosts (PostgreSQL)', postgresUnreachable(), () => {
  const backings = postgresBackings('notifier_hosts', async (db) => ({
    store: await PostgresNotificationStore.open(db),
    prefs: await PostgresPreferencesStore.open(db),
    log: await PostgresNotificationLog.open(db),
  }));
  afterAll(() => backings.cleanup());

  it('sends every notification exactly once when two hosts decide and dispatch the same events', async () => {
    const events = traffic();
    const preferences = Array.from({ length: ORDERS }, (_, n) => preferencesOf(`c${n}`));

    const one: State = { store: new InMemoryNotificationStore(), prefs: new InMemoryPreferencesStore(), log: new InMemoryNotificationLog() };
    for (const p of preferences) await one.prefs.put(p);
    const alone = host(one);
    for (const batch of chunks(events, 10)) await alone.inbox.handleBatch(batch);
    await drain(alone);
    const expected = idsOf(alone.sent());
    expect(expected.length).toBeGreaterThanOrEqual(ORDERS * 3); // shipped, out for delivery, delivered: at least, per customer

    const backing = await backings.fresh();
    const [a, b] = [await backing.open(), await backing.open()];
    for (const p of preferences) await a.prefs.put(p);
    const [hostA, hostB] = [host(a), host(b)];
    // Different batch sizes, so the two hosts' transactions overlap on different events.
    await Promise.all([
      (async () => {
        for (const batch of chunks(events, 7)) await hostA.inbox.handleBatch(batch);
      })(),
      (async () => {
        for (const batch of chunks(events, 11)) await hostB.inbox.handleBatch(batch);
      })(),
    ]);
    await Promise.all([drain(hostA), drain(hostB)]);

    const both = [...hostA.sent(), ...hostB.sent()];
    expect(idsOf(both)).toEqual(expected);
    expect(new Set(idsOf(both)).size).toBe(both.length);
    expect(hostA.sent().length + hostB.sent().length).toBe(expected.length);
    await backing.close();
  });
});
