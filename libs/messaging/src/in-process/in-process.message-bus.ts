import type { BatchHandler, BusMessage, BusSubscription, MessageBus, RecordedEvent } from '@ot/application';
import { InProcessGroup } from './in-process.consumer-group';
import { copyAsJson } from './json-copy';
import { PartitionLog, partitionOf } from './partition-log';

/** maxBatch: the most messages of one partition a handler gets at once (the redelivery unit). */
export type InProcessBusOptions = { partitions?: number; redeliveryDelayMs?: number; maxBatch?: number };

/**
 * The embedded service's bus: one consumer (its own notifier), so partitions buy no parallelism, and
 * with one partition a relay page reaches the inbox as one batch, recorded in one transaction.
 */
export const EMBEDDED_BUS_OPTIONS: InProcessBusOptions = { partitions: 1 };

type Waiter = { partition: number; offset: number; resolve: () => void };

/**
 * The embedded default bus. publish() resolves only once every consumer group known at that moment has
 * committed the messages: the relay saves its checkpoint after publish, so a crash in embedded mode
 * replays from the event store what the notifier had not yet recorded - nothing is lost in memory.
 * Start the notifier's subscription before the relay, or the first messages are not waited for.
 */
export class InProcessMessageBus<V = RecordedEvent> implements MessageBus<V> {
  private readonly logs: PartitionLog<V>[];
  private readonly groups = new Map<string, InProcessGroup<V>>();
  private waiters: Waiter[] = [];
  private readonly redeliveryDelayMs: number;
  private readonly maxBatch: number;

  constructor(options: InProcessBusOptions = {}) {
    this.logs = Array.from({ length: options.partitions ?? 6 }, () => new PartitionLog<V>());
    this.redeliveryDelayMs = options.redeliveryDelayMs ?? 200;
    this.maxBatch = options.maxBatch ?? 500;
  }

  async publish(messages: readonly BusMessage<V>[]): Promise<void> {
    const pending: Promise<void>[] = [];
    // A copy as JSON gives it, as over a wire: a consumer never shares objects with the producer (one copy per page).
    const values = copyAsJson(messages.map((m) => m.value));
    for (const [i, message] of messages.entries()) {
      const partition = partitionOf(message.key, this.logs.length);
      const offset = this.logs[partition].append({ key: message.key, value: values[i] });
      if (this.groups.size) pending.push(new Promise((resolve) => this.waiters.push({ partition, offset, resolve })));
    }
    this.groups.forEach((group) => group.wake());
    await Promise.all(pending);
  }

  async subscribe(groupId: string, handler: BatchHandler<V>): Promise<BusSubscription> {
    let group = this.groups.get(groupId);
    if (!group) {
      group = new InProcessGroup(this.logs, () => this.committed(), this.redeliveryDelayMs, this.maxBatch);
      this.groups.set(groupId, group);
    }
    return group.join(handler);
  }

  async close(): Promise<void> {
    this.waiters.forEach((w) => w.resolve()); // never leave a publisher hanging on shutdown
    this.waiters = [];
  }

  /** After any commit: release publishers whose messages every group has passed, and trim the logs. */
  private committed(): void {
    const low = this.logs.map((_, p) => Math.min(...[...this.groups.values()].map((g) => g.committed[p])));
    this.waiters = this.waiters.filter((w) => {
      if (w.offset >= low[w.partition]) return true;
      w.resolve();
      return false;
    });
    this.logs.forEach((log, p) => log.trimBefore(low[p]));
  }
}
