import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { BatchHandler, BusSubscription, MessageBus, RecordedEvent } from '@ot/application';
import { InMemoryEventStore } from '@ot/event-store';
import { EventRelay, KafkaMessageBus, kafkaBusConfigFrom, SqliteCheckpointStore } from '@ot/messaging';
import { loadConfig } from '@ot/config';
import { deliveredOrder, preferencesOf, RecordingChannelSender, simpleTestPolicy } from '@ot/testing';
import { Kafka, logLevel } from 'kafkajs';
import { buildNotifier, openNotifierDb, SqlitePreferencesStore } from '@ot/notifier';

/** Wraps a bus so the test sees which instance handled which event, and can make one "die" between record and ack. */
export class TappedBus implements MessageBus<RecordedEvent> {
  readonly handled: number[] = [];
  dieAfter?: { count: number; onDeath: () => void };
  constructor(private readonly inner: MessageBus<RecordedEvent>) {}
  publish = (m: Parameters<MessageBus<RecordedEvent>['publish']>[0]) => this.inner.publish(m);
  close = () => this.inner.close();
  subscribe(group: string, handler: BatchHandler<RecordedEvent>): Promise<BusSubscription> {
    return this.inner.subscribe(group, async (batch) => {
      await handler(batch);
      this.handled.push(...batch.map((m) => m.value.globalPosition));
      if (this.dieAfter && this.handled.length >= this.dieAfter.count) {
        this.dieAfter.onDeath();
        await new Promise(() => undefined); // recorded, never acknowledged: the broker must redeliver it
      }
    });
  }
}

/** Event store -> relay -> real Kafka (a fresh topic) -> notifier apps (shared SQLite file) -> recording sender. */
export async function kafkaNotifierHarness() {
  const topic = `ot-e2e-${randomUUID()}`;
  const group = `notifier-${randomUUID()}`;
  const dir = mkdtempSync(join(tmpdir(), 'ot-kafka-e2e-'));
  const dbPath = join(dir, 'notifier.db');
  const busConfig = {
    ...kafkaBusConfigFrom(loadConfig({ KAFKA_BROKERS: process.env.KAFKA_BROKERS })),
    topic,
    logLevel: 'nothing' as const,
    redeliveryDelayMs: 100,
  };
  const store = new InMemoryEventStore();
  const relayBus = new KafkaMessageBus<RecordedEvent>(busConfig);
  const checkpoints = new SqliteCheckpointStore(join(dir, 'relay.db'));
  const relay = new EventRelay(store, relayBus, checkpoints, { retryDelayMs: 200 });
  const push = new RecordingChannelSender('push');
  const apps = new Set<NestFastifyApplication>();

  const db = openNotifierDb(dbPath);
  await new SqlitePreferencesStore(db).put(preferencesOf('c1', { channels: { shipped: ['push'], 'out-for-delivery': ['push'], delivered: ['push'] } }));
  db.close();

  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    JWT_SECRET: 'kafka-e2e-secret-0123456789',
    BUS: 'kafka',
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    KAFKA_TOPIC: topic,
    KAFKA_GROUP_ID: group,
    NOTIFIER_DB_PATH: dbPath,
    NOTIFIER_DISPATCH_INTERVAL_MS: '50',
  };
  const startNotifier = async (): Promise<{ app: NestFastifyApplication; bus: TappedBus }> => {
    const bus = new TappedBus(new KafkaMessageBus<RecordedEvent>(busConfig));
    const app = await buildNotifier(loadConfig(env), { bus, senders: [push], policy: simpleTestPolicy });
    apps.add(app);
    return { app, bus };
  };
  const stopNotifier = async (n: { app: NestFastifyApplication; bus: TappedBus }) => {
    apps.delete(n.app);
    await n.app.close(); // leaves the group; an in-flight message is abandoned uncommitted
    await n.bus.close();
  };

  /** An order's life: placed, shipped, out for delivery, delivered -> 3 notifications with the simple policy. */
  const appendOrder = async (orderId: string) => {
    for (const [i, e] of deliveredOrder(orderId).entries()) await store.appendToStream(`order-${orderId}`, [e], { expectedVersion: i });
  };

  const cleanup = async () => {
    await Promise.all([...apps].map((a) => a.close()));
    await relay.stop();
    await relayBus.close();
    checkpoints.close();
    const admin = new Kafka({ brokers: busConfig.brokers as string[], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    rmSync(dir, { recursive: true, force: true });
  };

  return { relay, push, startNotifier, stopNotifier, appendOrder, cleanup, checkpoints };
}

/** `what` may be a function, so the timeout message can report the counts at that moment. */
export async function waitFor(check: () => boolean, timeoutMs: number, what: string | (() => string)): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
