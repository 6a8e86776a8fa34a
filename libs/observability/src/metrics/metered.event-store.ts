import type { AppendResult, EventStore, NewEvent, ReadStreamResult, RecordedEvent, Subscription } from '@ot/application';
import type { OrderEvent } from '@ot/domain';
import type { OpsMetrics } from './ops.metrics';

const DELAY_CHANGES: Partial<Record<string, 'raised' | 'cleared'>> = { DelayPredicted: 'raised', DelayCleared: 'cleared' };

/**
 * The event store, timed: append latency (until durable) and what was appended, by type. Every
 * append of this process passes here (webhooks and the delay reactor alike), so the delay alert
 * counters need no hook of their own. A failed append is timed too; it counts no events.
 */
export class MeteredEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly metrics: OpsMetrics,
  ) {}

  async appendToStream(streamId: string, events: readonly NewEvent[], options: { expectedVersion: number }): Promise<AppendResult> {
    const stop = this.metrics.appendSeconds.startTimer();
    try {
      const result = await this.inner.appendToStream(streamId, events, options);
      for (const { type } of events) {
        this.metrics.eventsAppended.inc({ type });
        const change = DELAY_CHANGES[type];
        if (change) this.metrics.delayAlerts.inc({ change });
      }
      return result;
    } finally {
      stop();
    }
  }

  readStream<E extends OrderEvent = OrderEvent>(streamId: string): Promise<ReadStreamResult<E>> {
    return this.inner.readStream<E>(streamId);
  }

  readAll(afterPosition: number, limit: number): Promise<RecordedEvent[]> {
    return this.inner.readAll(afterPosition, limit);
  }

  subscribeToAll(afterPosition: number, onEvents: (events: RecordedEvent[]) => Promise<void>): Subscription {
    return this.inner.subscribeToAll(afterPosition, onEvents);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
