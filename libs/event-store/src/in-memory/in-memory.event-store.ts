import type { AppendResult, EventStore, NewEvent, ReadStreamResult, RecordedEvent, Subscription } from '@ot/application';
import { DomainError, type OrderEvent } from '@ot/domain';

/** For unit tests and benchmarks that must not touch a disk. Not durable. */
export class InMemoryEventStore implements EventStore {
  private readonly all: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly listeners = new Set<() => void>();

  async readStream<E extends OrderEvent = OrderEvent>(streamId: string): Promise<ReadStreamResult<E>> {
    const events = (this.streams.get(streamId) ?? []) as RecordedEvent<E>[];
    return { events: [...events], version: events.length };
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], { expectedVersion }: { expectedVersion: number }): Promise<AppendResult> {
    const stream = this.streams.get(streamId) ?? [];
    if (stream.length !== expectedVersion) {
      throw new DomainError('VERSION_CONFLICT', `${streamId} is at version ${stream.length}, expected ${expectedVersion}`, {
        streamId,
        expectedVersion,
        actualVersion: stream.length,
      });
    }
    const recordedAt = new Date().toISOString();
    for (const event of events) {
      const recorded = { ...event, streamId, streamVersion: stream.length + 1, globalPosition: this.all.length + 1, recordedAt };
      stream.push(recorded);
      this.all.push(recorded);
    }
    this.streams.set(streamId, stream);
    this.listeners.forEach((wake) => wake());
    return { nextVersion: stream.length, lastPosition: this.all.length };
  }

  async readAll(afterPosition: number, limit: number): Promise<RecordedEvent[]> {
    return this.all.slice(afterPosition, afterPosition + limit);
  }

  subscribeToAll(afterPosition: number, onEvents: (events: RecordedEvent[]) => Promise<void>): Subscription {
    let position = afterPosition;
    let running = false;
    let wokenWhileRunning = false;
    let stopped = false;
    const drain = async (): Promise<void> => {
      if (stopped) return;
      if (running) {
        wokenWhileRunning = true; // an append raced our last read: drain again when done
        return;
      }
      running = true;
      try {
        do {
          wokenWhileRunning = false;
          for (let batch = await this.readAll(position, 1000); batch.length && !stopped; batch = await this.readAll(position, 1000)) {
            await onEvents(batch);
            position = batch[batch.length - 1].globalPosition;
          }
        } while (wokenWhileRunning && !stopped);
      } finally {
        running = false;
      }
    };
    const wake = (): void => void drain();
    this.listeners.add(wake);
    wake();
    return {
      stop: async () => {
        stopped = true;
        this.listeners.delete(wake);
      },
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
