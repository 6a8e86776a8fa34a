import { kafkaClient } from './kafka.client';
import { type KafkaBusConfig, kafkaBusConfigFrom, type KafkaSettings } from './kafka.config';

/** Whether the cluster answers now: one admin connection, no retries, so a readiness probe stays quick. */
export async function describeKafkaCluster(
  config: Pick<KafkaBusConfig, 'brokers' | 'clientId'>,
  timeoutMs = 2000,
): Promise<{ brokers: number; controller: number | null }> {
  const admin = kafkaClient(
    { brokers: config.brokers, clientId: `${config.clientId}-health` },
    {
      connectionTimeout: timeoutMs,
      requestTimeout: timeoutMs,
      retry: { retries: 0 },
    },
  ).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return { brokers: cluster.brokers.length, controller: cluster.controller };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * The readiness of the bus for a process: Kafka's cluster is always described; only a process that
 * publishes or consumes (usedHere) is down without it, so a replica that does neither stays in service.
 */
export async function busReadiness(settings: KafkaSettings & { BUS: string }, usedHere: boolean): Promise<{ up: boolean; details: Record<string, unknown> }> {
  if (settings.BUS !== 'kafka') return { up: true, details: { kind: 'in-process' } };
  try {
    const cluster = await describeKafkaCluster(kafkaBusConfigFrom(settings));
    return { up: true, details: { kind: 'kafka', usedHere, reachable: true, ...cluster } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { up: !usedHere, details: { kind: 'kafka', usedHere, reachable: false, message } };
  }
}
