import type { PartitionMetadata } from 'kafkajs';
import { kafkaClient, kafkajs } from './kafka.client';
import type { KafkaBusConfig } from './kafka.config';
import { ensureTopicOn } from './kafka.topic';

/**
 * Which orders this process owns: those whose key the producer's own partitioner puts in a partition
 * the consumer group assigned to it. The group is used for its assignment and rebalances only (a
 * member that dies is replaced after the session timeout); the messages it receives are skipped,
 * because the owner reads what it needs from the event store.
 */
export class KafkaPartitionOwnership {
  private owned = new Set<number>();
  private readonly partitionOf = kafkajs().Partitioners.DefaultPartitioner();
  /** Every partition with a leader: the partitioner then hashes a key over all of them, as the producer does. */
  private readonly metadata: PartitionMetadata[];

  private constructor(
    partitionCount: number,
    private readonly leave: () => Promise<void>,
    private readonly topic: string,
  ) {
    this.metadata = Array.from({ length: partitionCount }, (_, partitionId) => ({ partitionErrorCode: 0, partitionId, leader: 0, replicas: [0], isr: [0] }));
  }

  /** Joins `groupId` on the bus topic; `onChange` hears every new assignment, sorted. */
  static async join(config: KafkaBusConfig, groupId: string, onChange: (partitions: number[]) => void): Promise<KafkaPartitionOwnership> {
    const kafka = kafkaClient({ ...config, clientId: `${config.clientId}-${groupId}` });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await ensureTopicOn(admin, config.topic, config.partitions);
      const [meta] = (await admin.fetchTopicMetadata({ topics: [config.topic] })).topics;
      const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
      const ownership = new KafkaPartitionOwnership(meta.partitions.length, () => consumer.disconnect(), config.topic);
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
        ownership.owned = new Set(payload.memberAssignment[config.topic] ?? []);
        onChange(ownership.partitions());
      });
      await consumer.connect();
      await consumer.subscribe({ topics: [config.topic] });
      await consumer.run({ eachBatch: async () => undefined }); // auto-resolved: skipped, not re-read after a rebalance
      return ownership;
    } finally {
      await admin.disconnect();
    }
  }

  owns(key: string): boolean {
    const partition = this.partitionOf({ topic: this.topic, partitionMetadata: this.metadata, message: { key, value: null } });
    return this.owned.has(partition);
  }

  partitions(): number[] {
    return [...this.owned].sort((a, b) => a - b);
  }

  stop(): Promise<void> {
    return this.leave();
  }
}
