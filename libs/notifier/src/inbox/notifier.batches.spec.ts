import { randomUUID } from 'node:crypto';
import { noTelemetry, type MessageBus, type NotificationInbox, type RecordedEvent, systemClock } from '@ot/application';
import { loadConfig } from '@ot/config';
import { InMemoryEventStore } from '@ot/event-store';
import { EventRelay, InMemoryCheckpointStore, InProcessMessageBus, KafkaMessageBus, kafkaBusConfigFrom } from '@ot/messaging';
import {
  deliveredOrder,
  describeWithKafka,
  InMemoryNotificationLog,
  InMemoryNotificationStore,
  InMemoryPreferencesStore,
  preferencesOf,
  RecordingChannelSender,
  simpleTestPolicy,
} from '@ot/testing';
import { Kafka, logLevel } from 'kafkajs';
import { NotifierRunner } from './notifier.runner';

const ORDERS = 30; // 120 events, 3 notifications each with the simple policy
const KINDS = ['delivered', 'out-for-delivery', 'shipped'];

type Faults = { failedOnce: boolean; hung: boolean; failed: number[]; committed: number[] };
type Seen = { partition: number; positions: number[] };

/**
 * The notifier's database as a crash sees it: the first batch's transaction fails (rolled back, the
 * bus gets the error), and the next one commits and then never answers, as if the process died
 * between its commit and the offset commit.
 */
function crashingInbox(state: InMemoryNotificationStore, faults: Faults): InMemoryNotificationStore {
  const record: NotificationInbox['record'] = async (...decisions) => {
    if (!faults.failedOnce) {
      faults.failedOnce = true;
      faults.failed = decisions.map((d) => d.globalPosition);
      throw new Error('transaction failed mid-batch');
    }
    const recorded = await state.record(...decisions);
    faults.committed.push(...decisions.map((d) => d.globalPosition));
    if (!faults.hung) {
      faults.hung = true;
      await new Promise(() => undefined);
    }
    return recorded;
  };
  return new Proxy(state, { get: (target, prop) => (prop === 'record' ? record : (Reflect.get(target, prop, target) as unknown)) });
}

/** A bus that shows the batches its member got. */
function tapped(bus: MessageBus<RecordedEvent>, batches: Seen[]): MessageBus<RecordedEvent> {
  return {
    publish: (m) => bus.publish(m),
    close: () => bus.close(),
    subscribe: (group, handler) =>
      bus.subscribe(group, (batch) => (batches.push({ partition: batch[0].partition, positions: batch.map((m) => m.value.globalPosition) }), handler(batch))),
  };
}

const until = async (check: () => boolean): Promise<void> => {
  for (const deadline = Date.now() + 45_000; !check(); await new Promise((r) => setTimeout(r, 20))) if (Date.now() > deadline) throw new Error('timed out');
};

/**
 * Relay -> bus -> NotifierRunner (the production consumer wiring), where the notifier's first batch
 * fails mid-way and a later one crashes after committing; a second runner on the same state takes over.
 * newBus: a client of the bus; the relay and each notifier get their own, as separate processes would.
 */
function crashMidBatch(newBus: () => MessageBus<RecordedEvent>) {
  return async (): Promise<void> => {
    const config = loadConfig({ KAFKA_GROUP_ID: `notifier-${randomUUID()}`, NOTIFIER_DISPATCH_INTERVAL_MS: '10', LOG_LEVEL: 'error' });
    const state = new InMemoryNotificationStore();
    const preferences = new InMemoryPreferencesStore();
    await preferences.put(preferencesOf('c1', { channels: { shipped: ['push'], 'out-for-delivery': ['push'], delivered: ['push'] } }));
    const push = new RecordingChannelSender('push');
    const runner = (bus: MessageBus<RecordedEvent>, store: InMemoryNotificationStore) =>
      new NotifierRunner(config, {
        ...{ bus, ownsBus: false, store, preferences, log: new InMemoryNotificationLog(), senders: new Map([['push', push]]) },
        ...{ policy: simpleTestPolicy, render: () => ({ title: 't', text: 't' }), clock: systemClock, telemetry: noTelemetry, close: async () => undefined },
      });

    const events = new InMemoryEventStore();
    for (let i = 0; i < ORDERS; i++) {
      for (const [v, e] of deliveredOrder(`o${i}`).entries()) await events.appendToStream(`order-o${i}`, [e], { expectedVersion: v });
    }
    const relayBus = newBus();
    const relay = new EventRelay(events, relayBus, new InMemoryCheckpointStore(), { retryDelayMs: 20 });
    const faults: Faults = { failedOnce: false, hung: false, failed: [], committed: [] };
    const [busA, busB] = [newBus(), newBus()];
    const batchesA: Seen[] = [];
    const batchesB: Seen[] = [];
    const a = runner(tapped(busA, batchesA), crashingInbox(state, faults));
    await a.onApplicationBootstrap();
    await relay.start();
    await until(() => faults.hung);
    await a.onApplicationShutdown(); // the crash: its batch is abandoned, offsets not committed
    const b = runner(tapped(busB, batchesB), state);
    await b.onApplicationBootstrap();
    await until(() => push.sent.length >= ORDERS * 3);
    await new Promise((r) => setTimeout(r, 300)); // a duplicate would show up now
    await b.onApplicationShutdown();
    await relay.stop();
    await Promise.all([relayBus, busA, busB].map((bus) => bus.close()));

    const ids = push.sent.map((m) => m.notificationId);
    expect(new Set(ids).size).toBe(ids.length); // nothing sent twice...
    for (let i = 0; i < ORDERS; i++)
      expect(
        ids
          .filter((id) => id.startsWith(`o${i}:`))
          .map((id) => id.split(':')[1])
          .sort(),
      ).toEqual(KINDS); // ...nothing lost
    expect(Math.max(...batchesA.map((b) => b.positions.length))).toBeGreaterThan(1); // delivered in batches, not one by one
    const at = batchesA.findIndex((b) => b.positions.includes(faults.failed[0]));
    const failed = batchesA[at];
    const again = [...batchesA.slice(at + 1), ...batchesB].find((b) => b.partition === failed.partition); // to A, or to B if A died first
    expect(again?.positions.slice(0, failed.positions.length)).toEqual(failed.positions); // the failed batch came again whole, from its start
    const unacknowledged = batchesB.flatMap((b) => b.positions).filter((p) => faults.committed.includes(p));
    expect(unacknowledged.length).toBeGreaterThan(0); // committed, never acknowledged: the survivor got it again and sent none of it twice
  };
}

describe('notifier batches over the in-process bus', () => {
  jest.setTimeout(60_000);
  const bus = new InProcessMessageBus<RecordedEvent>({ redeliveryDelayMs: 10 }); // in process, every client is the one bus
  it(
    'a batch failing mid-way, then a crash after its commit: nothing lost, nothing sent twice',
    crashMidBatch(() => bus),
  );
});

describeWithKafka('notifier batches over a real Kafka broker', () => {
  jest.setTimeout(90_000);
  const topic = `ot-batches-${randomUUID()}`;
  const config = {
    ...kafkaBusConfigFrom(loadConfig({ KAFKA_BROKERS: process.env.KAFKA_BROKERS })),
    topic,
    redeliveryDelayMs: 50,
    logLevel: 'nothing' as const,
  };

  afterAll(async () => {
    const admin = new Kafka({ brokers: [...config.brokers], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it(
    'a batch failing mid-way, then a crash after its commit: nothing lost, nothing sent twice',
    crashMidBatch(() => new KafkaMessageBus<RecordedEvent>(config)),
  );
});
