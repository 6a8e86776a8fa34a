import type { AppendResult, EventStore, NewEvent, ReadStreamResult, RecordedEvent, Subscription } from '@ot/application';
import type { OrderEvent } from '@ot/domain';
import { CatchUpSubscriptions } from '../shared/catch-up.subscriptions';
import { versionConflict } from '../shared/version-conflict';

/** EVENT_STORE=memory: the service without a disk (demos, tests, benchmarks). Not durable. */
export class InMemoryEventStore implements EventStore {
  private readonly all: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly subscriptions = new CatchUpSubscriptions((after, limit) => this.readAll(after, limit));

  async readStream<E extends OrderEvent = OrderEvent>(streamId: string): Promise<ReadStreamResult<E>> {
    const events = (this.streams.get(streamId) ?? []) as RecordedEvent<E>[];
    return { events: [...events], version: events.length };
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], { expectedVersion }: { expectedVersion: number }): Promise<AppendResult> {
    const stream = this.streams.get(streamId) ?? [];
    if (stream.length !== expectedVersion) {
      throw versionConflict(streamId, expectedVersion, stream.length);
    }
    const recordedAt = new Date().toISOString();
    for (const event of events) {
      const recorded = { ...event, streamId, streamVersion: stream.length + 1, globalPosition: this.all.length + 1, recordedAt };
      stream.push(recorded);
      this.all.push(recorded);
    }
    this.streams.set(streamId, stream);
    this.subscriptions.wakeAll();
    return { nextVersion: stream.length, lastPosition: this.all.length };
  }

  async readAll(afterPosition: number, limit: number): Promise<RecordedEvent[]> {
    return this.all.slice(afterPosition, afterPosition + limit);
  }

  subscribeToAll(afterPosition: number, onEvents: (events: RecordedEvent[]) => Promise<void>): Subscription {
    return this.subscriptions.subscribe(afterPosition, onEvents);
  }

  async close(): Promise<void> {
    await this.subscriptions.stopAll();
  }
}
