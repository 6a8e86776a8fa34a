import { randomUUID } from 'node:crypto';
import { NotificationDispatcher, NotificationInboxHandler, type RecordedEvent } from '@ot/application';
import { InMemoryEventStore } from '@ot/event-store';
import { EventRelay, InMemoryCheckpointStore, KafkaMessageBus, kafkaBusConfigFrom } from '@ot/messaging';
import { loadConfig } from '@ot/config';
import {
  deliveredOrder,
  FakeClock,
  InMemoryNotificationLog,
  InMemoryNotificationStore,
  InMemoryPreferencesStore,
  preferencesOf,
  RecordingChannelSender,
  simpleTestPolicy,
} from '@ot/testing';
import { waitFor } from '../kafka/kafka-notifier.harness';
import { freePort } from './support/child-process.support';
import { privateKafkaSkipReason, startPrivateKafka, type PrivateKafka } from './support/private-kafka.support';

/**
 * Kafka broker crash-restart: event store -> EventRelay -> KafkaMessageBus -> a PRIVATE broker (own ports,
 * own data dir) -> notifier inbox handler (dedupe by globalPosition) -> dispatcher -> recording sender.
 * The broker is SIGKILLed mid-run, events keep being appended while it is down, and it comes back on the
 * same data dir. Every appended event must be consumed; redeliveries are allowed (at least once) but no
 * notification may go out twice.
 */
const skip = privateKafkaSkipReason();
const describeWithBroker = skip ? describe.skip : describe;
if (skip) process.stderr.write(`SKIPPED kafka: ${skip} [kafka broker restart]\n`);

const ORDERS_PER_PHASE = 8; // 4 events each; 3 phases: before the kill, while down, after the restart
const KINDS = ['shipped', 'out-for-delivery', 'delivered'] as const;

describeWithBroker('reliability: Kafka broker SIGKILL and restart on the same data dir', () => {
  jest.setTimeout(85_000);
  let broker: PrivateKafka | undefined;

  beforeAll(async () => {
    const [brokerPort, controllerPort] = [
      Number(process.env.KAFKA_RESTART_PORT) || (await freePort()),
      Number(process.env.KAFKA_RESTART_CONTROLLER_PORT) || (await freePort()),
    ];
    broker = await startPrivateKafka(brokerPort, controllerPort);
  }, 80_000);
  afterAll(async () => {
    await broker?.destroy();
  }, 40_000);

  it('relay and consumer recover; every appended event is consumed, none lost, no notification sent twice', async () => {
    const b = broker!;
    const topic = `ot-restart-${randomUUID()}`;
    const config = {
      ...kafkaBusConfigFrom(loadConfig({ KAFKA_BROKERS: b.brokers })),
      topic,
      partitions: 3,
      redeliveryDelayMs: 100,
      logLevel: 'nothing' as const,
    };
    const store = new InMemoryEventStore();
    const relayBus = new KafkaMessageBus<RecordedEvent>(config);
    const consumerBus = new KafkaMessageBus<RecordedEvent>(config);
    const relayErrors: string[] = [];
    const relay = new EventRelay(store, relayBus, new InMemoryCheckpointStore(), {
      retryDelayMs: 200,
      onError: (e) => relayErrors.push(String((e as Error)?.message ?? e)),
    });

    const clock = new FakeClock('2099-01-01T00:00:00.000Z'); // past every send: the dispatcher sends what the Clock has reached
    const notifications = new InMemoryNotificationStore();
    const preferences = new InMemoryPreferencesStore();
    await preferences.put(preferencesOf('c1', { channels: { shipped: ['push'], 'out-for-delivery': ['push'], delivered: ['push'] } }));
    const push = new RecordingChannelSender('push');
    const inbox = new NotificationInboxHandler(notifications, preferences, simpleTestPolicy);
    const dispatcher = new NotificationDispatcher(
      notifications,
      preferences,
      new InMemoryNotificationLog(),
      new Map([['push', push]]),
      () => ({ title: 't', text: 't' }),
      clock,
    );

    const deliveries: number[] = []; // raw: every time the bus handed us a message
    const seen = new Set<number>();
    let redelivered = 0;
    let firstAfterRestart: number | undefined;
    let restartedAt: number | undefined;
    const subscription = await consumerBus.subscribe(`restart-${randomUUID()}`, async (batch) => {
      await inbox.onBatch(batch);
      for (const { value } of batch) {
        deliveries.push(value.globalPosition);
        if (seen.has(value.globalPosition)) redelivered += 1;
        seen.add(value.globalPosition);
      }
      if (restartedAt !== undefined && firstAfterRestart === undefined) firstAfterRestart = Date.now();
    });
    let dispatching = true;
    const dispatchLoop = (async () => {
      while (dispatching) {
        await dispatcher.tick();
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    let appended = 0;
    const appendOrders = async (from: number, count: number) => {
      for (let i = from; i < from + count; i++) {
        const orderId = `o${i}`;
        const events = deliveredOrder(orderId);
        for (const [v, e] of events.entries()) await store.appendToStream(`order-${orderId}`, [e], { expectedVersion: v });
        appended += events.length;
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const progress = (what: string) => () =>
      `${what} (appended ${appended}, consumed ${seen.size}, relay errors ${relayErrors.length}: ${relayErrors.slice(-2).join(' | ')})`;

    try {
      const started = Date.now();
      await relay.start();
      await appendOrders(0, ORDERS_PER_PHASE);
      await waitFor(() => seen.size >= ORDERS_PER_PHASE * 2, 20_000, progress('the first events to be consumed'));
      const consumedBeforeKill = seen.size;

      const killedAt = Date.now();
      await b.kill9();
      await appendOrders(ORDERS_PER_PHASE, ORDERS_PER_PHASE); // appended while the broker is down
      await new Promise((r) => setTimeout(r, 1500)); // let producer and consumer hit the dead broker
      const consumedWhileDown = seen.size - consumedBeforeKill;
      const restartBegan = Date.now();
      await b.restart();
      restartedAt = Date.now();
      const downtimeMs = restartedAt - killedAt;
      await appendOrders(ORDERS_PER_PHASE * 2, ORDERS_PER_PHASE);

      const total = ORDERS_PER_PHASE * 3 * 4;
      await waitFor(() => seen.size >= total && push.sent.length >= ORDERS_PER_PHASE * 3 * 3, 40_000, progress('every event after the restart'));
      await new Promise((r) => setTimeout(r, 750)); // late redeliveries or duplicate sends would show now

      const positions = Array.from({ length: total }, (_, i) => i + 1);
      const lost = positions.filter((p) => !seen.has(p));
      const sentIds = push.sent.map((m) => m.notificationId);
      const dedupedDuplicates = sentIds.length - new Set(sentIds).size;
      const expectedIds = Array.from({ length: ORDERS_PER_PHASE * 3 }, (_, i) => KINDS.map((k, j) => `o${i}:${k}:${i * 4 + j + 2}`))
        .flat()
        .sort();

      console.log(
        [
          `kafka broker restart (private broker ${b.brokers}, SIGKILL pid, same data dir):`,
          `  events appended ${appended} (${ORDERS_PER_PHASE * 4} before the kill, ${ORDERS_PER_PHASE * 4} while down, ${ORDERS_PER_PHASE * 4} after)`,
          `  consumed ${seen.size} unique (${consumedBeforeKill} before the kill, ${consumedWhileDown} while down), raw deliveries ${deliveries.length}`,
          `  redelivered (raw) ${redelivered}, deduped duplicates (notifications sent twice) ${dedupedDuplicates}, lost ${lost.length}`,
          `  restart downtime ${downtimeMs} ms (kill -> ready; restart.sh itself ${restartedAt - restartBegan} ms), first consumption ${firstAfterRestart! - restartedAt} ms after ready`,
          `  relay publish failures retried ${relayErrors.length}; notifications sent ${push.sent.length}; wall ${Date.now() - started} ms`,
        ].join('\n'),
      );
      expect(appended).toBe(total);
      expect(lost).toEqual([]);
      expect(seen.size).toBe(total);
      expect(new Set(deliveries).size).toBe(total);
      expect(dedupedDuplicates).toBe(0);
      expect([...sentIds].sort()).toEqual(expectedIds);
      expect(relayErrors.length).toBeGreaterThan(0); // the relay really did hit the dead broker
    } finally {
      dispatching = false;
      await dispatchLoop;
      await relay.stop();
      await subscription.stop().catch(() => undefined);
      await Promise.all([relayBus.close(), consumerBus.close()].map((p) => p.catch(() => undefined)));
    }
  });
});
