import type { BatchHandler, ReceivedMessage } from '@ot/application';
import type { PartitionLog } from './partition-log';

type Member<V> = { id: number; handler: BatchHandler<V>; stopped: boolean; abandon: () => void; gone: Promise<void> };

/**
 * A consumer group of the in-process bus: members share the partitions (round robin), each partition
 * is pumped one page at a time (what is in the log past the committed offset, at most maxBatch), and
 * its offset moves past the page only after the handler resolved. A failed handler gets the same page
 * again after a pause; a stopped member's in-flight page is abandoned uncommitted and goes to whoever
 * owns the partition next - the Kafka contract, minus the network.
 */
export class InProcessGroup<V> {
  readonly committed: number[];
  private members: Member<V>[] = [];
  private owners: (Member<V> | undefined)[];
  private readonly pumping: boolean[];
  private nextId = 1;

  constructor(
    private readonly logs: readonly PartitionLog<V>[],
    private readonly onCommit: () => void,
    private readonly redeliveryDelayMs: number,
    private readonly maxBatch: number,
  ) {
    this.committed = logs.map((log) => log.start());
    this.owners = logs.map(() => undefined);
    this.pumping = logs.map(() => false);
  }

  join(handler: BatchHandler<V>): { stop(): Promise<void> } {
    let abandon = (): void => undefined;
    const gone = new Promise<void>((resolve) => (abandon = resolve));
    const member: Member<V> = { id: this.nextId++, handler, stopped: false, abandon, gone };
    this.members.push(member);
    this.rebalance();
    return {
      stop: async () => {
        if (member.stopped) return;
        member.stopped = true;
        member.abandon();
        this.members = this.members.filter((m) => m !== member);
        this.rebalance();
      },
    };
  }

  wake(): void {
    this.logs.forEach((_, partition) => void this.pump(partition));
  }

  private rebalance(): void {
    this.owners = this.logs.map((_, p) => (this.members.length ? this.members[p % this.members.length] : undefined));
    this.wake();
  }

  private async pump(partition: number): Promise<void> {
    if (this.pumping[partition]) return;
    this.pumping[partition] = true;
    try {
      for (;;) {
        const member = this.owners[partition];
        const offset = this.committed[partition];
        const batch = this.page(partition, offset);
        if (!member || !batch.length) return;
        const outcome = await Promise.race([
          member.handler(batch).then(
            () => 'done' as const,
            () => 'failed' as const,
          ),
          member.gone.then(() => 'abandoned' as const),
        ]);
        if (outcome === 'done' && !member.stopped) {
          this.committed[partition] = offset + batch.length;
          this.onCommit();
        } else if (outcome === 'failed') {
          await new Promise((resolve) => setTimeout(resolve, this.redeliveryDelayMs));
        }
      }
    } finally {
      this.pumping[partition] = false;
    }
  }

  private page(partition: number, from: number): ReceivedMessage<V>[] {
    const log = this.logs[partition];
    const batch: ReceivedMessage<V>[] = [];
    for (let offset = from; offset < log.end() && batch.length < this.maxBatch; offset++) {
      const message = log.at(offset);
      if (message) batch.push({ ...message, partition, offset: String(offset) });
    }
    return batch;
  }
}
