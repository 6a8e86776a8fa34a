import { Logger } from '@nestjs/common';
import type { Admin } from 'kafkajs';

/**
 * Creates the bus topic when it is missing (brokers here run with auto-create off, on purpose), and says so:
 * on a consumer that usually means a KAFKA_TOPIC nobody publishes to. Asking only when it is missing keeps
 * the broker's "already exists" answer, an ERROR line in kafkajs, out of every start.
 */
export async function ensureTopicOn(admin: Admin, topic: string, partitions: number): Promise<void> {
  if ((await admin.listTopics()).includes(topic)) return;
  const created = await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  if (created)
    new Logger('Kafka').warn(
      `topic "${topic}" did not exist; created it with ${partitions} partitions (KAFKA_TOPIC, KAFKA_PARTITIONS; consumers get only what is published to it)`,
    );
}
