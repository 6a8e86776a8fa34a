/** What the Kafka bus needs; built from the validated configuration. */
export type KafkaBusConfig = Readonly<{
  brokers: readonly string[];
  topic: string;
  clientId: string;
  /** Used only when the topic does not exist yet. */
  partitions: number;
  /** Partitions one member works on at the same time (order still holds per partition). */
  partitionsConsumedConcurrently: number;
  /** Pause before a failed handler gets the same batch again. */
  redeliveryDelayMs: number;
  /** The most messages of one partition a handler gets at once: the redelivery unit. */
  maxBatch: number;
  /** kafkajs logs rebalances at ERROR; tests turn it down to keep their output readable. */
  logLevel: 'nothing' | 'error' | 'warn' | 'info';
}>;

/** The Kafka settings of the one configuration (ServiceConfig in @ot/config), by its names, already validated. */
export type KafkaSettings = Readonly<{
  KAFKA_BROKERS?: string;
  KAFKA_TOPIC: string;
  KAFKA_CLIENT_ID: string;
  KAFKA_PARTITIONS: number;
  KAFKA_LOG_LEVEL: KafkaBusConfig['logLevel'];
}>;

export function kafkaBusConfigFrom(settings: KafkaSettings): KafkaBusConfig {
  const brokers = (settings.KAFKA_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (!brokers.length) throw new Error('KAFKA_BROKERS is required when BUS=kafka (e.g. 127.0.0.1:19092)');
  return {
    brokers,
    topic: settings.KAFKA_TOPIC,
    clientId: settings.KAFKA_CLIENT_ID,
    partitions: settings.KAFKA_PARTITIONS,
    partitionsConsumedConcurrently: 3,
    redeliveryDelayMs: 500,
    maxBatch: 500,
    logLevel: settings.KAFKA_LOG_LEVEL,
  };
}
