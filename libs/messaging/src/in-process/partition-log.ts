import type { BusMessage } from '@ot/application';

/**
 * One partition of the in-process bus: an append-only list addressed by offset, like a Kafka
 * partition. The head is trimmed once every consumer group has committed past it, so the embedded
 * bus does not grow without bound.
 */
export class PartitionLog<V> {
  private base = 0;
  private readonly items: BusMessage<V>[] = [];

  append(message: BusMessage<V>): number {
    this.items.push(message);
    return this.end() - 1;
  }

  /** Offset one past the last message. */
  end(): number {
    return this.base + this.items.length;
  }

  start(): number {
    return this.base;
  }

  at(offset: number): BusMessage<V> | undefined {
    return offset < this.base ? undefined : this.items[offset - this.base];
  }

  trimBefore(offset: number): void {
    const drop = Math.min(offset - this.base, this.items.length);
    if (drop <= 0) return;
    this.items.splice(0, drop);
    this.base += drop;
  }
}

/** Same idea as Kafka's default partitioner: a stable hash of the key picks the partition. */
export function partitionOf(key: string, partitions: number): number {
  let hash = 0x811c9dc5; // FNV-1a: cheap, stable across processes, spreads short ids well
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}
