import type { BatchHandler, BusMessage, BusSubscription, MessageBus, RecordedEvent } from '@ot/application';
import type { Kafka, Producer } from 'kafkajs';
import { kafkaClient } from './kafka.client';
import type { KafkaBusConfig } from './kafka.config';
import { runConsumer } from './kafka.consumer.runner';
import { ensureTopicOn } from './kafka.topic';

/**
 * The order-events bus over Kafka. The producer is idempotent with acks=-1, so a retried send neither
 * duplicates nor reorders within a partition; the key (orderId) picks the partition, which keeps one
 * order's events in order. Values are JSON.
 */
export class KafkaMessageBus<V = RecordedEvent> implements MessageBus<V> {
  private readonly kafka: Kafka;
  private producer?: Promise<Producer>;
  private topicReady?: Promise<void>;
  private readonly subscriptions = new Set<BusSubscription>();

  constructor(private readonly config: KafkaBusConfig) {
    this.kafka = kafkaClient(config);
  }

  async publish(messages: readonly BusMessage<V>[]): Promise<void> {
    if (!messages.length) return;
    await this.ensureTopic();
    const producer = await this.connectedProducer();
    await producer.send({
      topic: this.config.topic,
      acks: -1,
      messages: messages.map((m) => ({ key: m.key, value: JSON.stringify(m.value) })),
    });
  }

  async subscribe(groupId: string, handler: BatchHandler<V>): Promise<BusSubscription> {
    await this.ensureTopic();
    const consumer = this.kafka.consumer({ groupId, allowAutoTopicCreation: false });
    // subscribe() resolves once this member holds its share: a later member's join is then a full rebalance.
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    const running = await runConsumer(consumer, this.config.topic, handler, this.config);
    await joined;
    const subscription: BusSubscription = {
      stop: async () => {
        this.subscriptions.delete(subscription);
        await running.stop();
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    if (this.producer) await (await this.producer).disconnect();
    this.producer = undefined;
  }

  /** Creates the topic once if missing (ensureTopicOn). */
  ensureTopic(): Promise<void> {
    this.topicReady ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      try {
        await ensureTopicOn(admin, this.config.topic, this.config.partitions);
      } finally {
        await admin.disconnect();
      }
    })().catch((error: unknown) => {
      this.topicReady = undefined; // let the next call try again
      throw error;
    });
    return this.topicReady;
  }

  private connectedProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      // maxInFlightRequests 1 keeps the order of retried batches, as the idempotent producer requires.
      const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      await producer.connect();
      return producer;
    })();
    return this.producer;
  }
}
