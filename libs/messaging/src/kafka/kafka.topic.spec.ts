import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import { loadConfig } from '@ot/config';
import { describeWithKafka } from '@ot/testing';
import { kafkaBusConfigFrom } from './kafka.config';
import { KafkaMessageBus } from './kafka.message-bus';

// Every Kafka process (relay, notifier, ETA worker) makes sure of the topic at start. Asking the broker to
// create one that exists logged an ERROR ("Topic creation errors") at every start; creating a missing one
// (a KAFKA_TOPIC typo on a notifier) said nothing. The operator gets the opposite: silence, or one warning.
describeWithKafka('KafkaMessageBus topic at start (real broker)', () => {
  jest.setTimeout(60000);
  const topic = `ot-topic-${randomUUID()}`;
  const config = { ...kafkaBusConfigFrom(loadConfig({ KAFKA_BROKERS: process.env.KAFKA_BROKERS, KAFKA_LOG_LEVEL: 'error' })), topic };
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    const admin = new Kafka({ brokers: [...config.brokers], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  const logged = async (run: () => Promise<void>) => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    await run();
    return { errors: error.mock.calls.map((c) => String(c[0])), warnings: warn.mock.calls.map((c) => String(c[0])) };
  };

  it('warns once, naming the topic and KAFKA_TOPIC, when it has to create it', async () => {
    const { errors, warnings } = await logged(() => new KafkaMessageBus(config).ensureTopic());
    expect(errors).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`"${topic}"`);
    expect(warnings[0]).toContain('KAFKA_TOPIC');
  });

  it('logs nothing when the topic is there', async () => {
    const { errors, warnings } = await logged(() => new KafkaMessageBus(config).ensureTopic());
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  });
});
