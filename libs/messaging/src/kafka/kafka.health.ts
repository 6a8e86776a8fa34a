import { kafkaClient } from './kafka.client';
import type { KafkaBusConfig } from './kafka.config';

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
