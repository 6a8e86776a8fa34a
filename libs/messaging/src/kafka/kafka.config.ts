/** What the Kafka bus needs from the environment; validated once, at start-up. */
export type KafkaBusConfig = Readonly<{
  brokers: readonly string[];
  topic: string;
  clientId: string;
  /** Used only when the topic does not exist yet. */
  partitions: number;
  /** Partitions one member works on at the same time (order still holds per partition). */
  partitionsConsumedConcurrently: number;
  /** Pause before a failed handler gets the same message again. */
  redeliveryDelayMs: number;
  /** kafkajs logs rebalances at ERROR; tests turn it down to keep their output readable. */
  logLevel: 'nothing' | 'error' | 'warn' | 'info';
}>;

const LOG_LEVELS = ['nothing', 'error', 'warn', 'info'] as const;

export function kafkaBusConfigFrom(env: Readonly<Record<string, string | undefined>>): KafkaBusConfig {
  const brokers = (env.KAFKA_BROKERS ?? '').split(',').map((b) => b.trim()).filter(Boolean);
  if (!brokers.length) throw new Error('KAFKA_BROKERS is required when BUS=kafka (e.g. 127.0.0.1:19092)');
  const partitions = Number(env.KAFKA_PARTITIONS ?? 6);
  if (!Number.isInteger(partitions) || partitions < 1) throw new Error(`KAFKA_PARTITIONS must be a positive integer, got ${env.KAFKA_PARTITIONS}`);
  return {
    brokers,
    topic: env.KAFKA_TOPIC || 'order-events',
    clientId: env.KAFKA_CLIENT_ID || 'order-tracking',
    partitions,
    partitionsConsumedConcurrently: 3,
    redeliveryDelayMs: 500,
    logLevel: LOG_LEVELS.find((l) => l === env.KAFKA_LOG_LEVEL?.toLowerCase()) ?? 'warn',
  };
}
