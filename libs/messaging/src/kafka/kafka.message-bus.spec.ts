import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { busContract } from '../contract/bus.contract';
import { describeWithKafka } from '@ot/testing';
import { kafkaBusConfigFrom } from './kafka.config';
import { loadConfig } from '@ot/config';
import { KafkaMessageBus } from './kafka.message-bus';

describeWithKafka('KafkaMessageBus (bus contract, real broker)', () => {
  jest.setTimeout(60000);
  const topics: string[] = [];

  busContract(async () => {
    // A fresh topic per test: no offsets or leftovers leak between cases or runs.
    const topic = `ot-contract-${randomUUID()}`;
    topics.push(topic);
    const config = {
      ...kafkaBusConfigFrom(loadConfig({ KAFKA_BROKERS: process.env.KAFKA_BROKERS })),
      topic,
      redeliveryDelayMs: 50,
      logLevel: 'nothing' as const,
    };
    return new KafkaMessageBus(config);
  });

  afterAll(async () => {
    const admin = new Kafka({ brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  });
});
