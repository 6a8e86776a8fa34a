import { Logger } from '@nestjs/common';
import type { AppendResult, EventStore, NewEvent, ReadStreamResult, RecordedEvent, Subscription } from '@ot/application';
import type { OrderEvent } from '@ot/domain';
import {
  type AllStreamResolvedEvent,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  type JSONType,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { versionConflict } from '../shared/version-conflict';
import { fromEsdbEvent, positionAfter } from './eventstoredb.event-mapping';

export type EventStoreDbEventStoreOptions = { connectionString: string };

/**
 * Adapter over EventStoreDB, which does versioning, ordering and live delivery itself.
 * Our versions are 1-based counts, ESDB revisions 0-based: expectedVersion n means revision n-1.
 * Positions are the $all commit position (a log offset), so they increase but are not contiguous.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<Subscription>();

  constructor({ connectionString }: EventStoreDbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  async readStream<E extends OrderEvent = OrderEvent>(streamId: string): Promise<ReadStreamResult<E>> {
    const events: RecordedEvent<E>[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, { direction: FORWARDS, fromRevision: START })) {
        const recorded = fromEsdbEvent(resolved);
        if (recorded) events.push(recorded as RecordedEvent<E>);
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return { events, version: events.length };
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], { expectedVersion }: { expectedVersion: number }): Promise<AppendResult> {
    const data = events.map((e) => jsonEvent({ type: e.type, data: e.data as unknown as JSONType, metadata: e.metadata }));
    try {
      const result = await this.client.appendToStream(streamId, data, {
        expectedRevision: expectedVersion === 0 ? NO_STREAM : BigInt(expectedVersion - 1),
      });
      return { nextVersion: Number(result.nextExpectedRevision) + 1, lastPosition: Number(result.position?.commit ?? 0) };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // actualVersion is "any"/"no_stream" or a revision; report it as our 1-based count
      const actual = typeof error.actualVersion === 'bigint' ? Number(error.actualVersion) + 1 : 0;
      throw versionConflict(streamId, expectedVersion, actual);
    }
  }

  /** $all has system events ($-types) in between ours; they are skipped, so one page may take several reads. */
  async readAll(afterPosition: number, limit: number): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    let from = positionAfter(afterPosition);
    for (let exhausted = false; !exhausted && out.length < limit;) {
      const pageSize = limit - out.length + 1; // +1: reading from a position includes the event at it
      let read = 0;
      for await (const resolved of this.client.readAll({ direction: FORWARDS, fromPosition: from, maxCount: pageSize })) {
        read++;
        if (resolved.event) from = resolved.event.position;
        const recorded = fromEsdbEvent(resolved);
        if (recorded && recorded.globalPosition > afterPosition && out.length < limit) out.push(recorded);
      }
      exhausted = read < pageSize;
      if (out.length) afterPosition = out[out.length - 1].globalPosition;
    }
    return out;
  }

  subscribeToAll(afterPosition: number, onEvents: (events: RecordedEvent[]) => Promise<void>): Subscription {
    const source = this.client.subscribeToAll({ fromPosition: positionAfter(afterPosition), filter: excludeSystemEvents() });
    let stopped = false;
    // for-await pulls one event at a time, so onEvents never overlaps and the server is back-pressured
    void (async () => {
      let position = afterPosition;
      for await (const resolved of source as AsyncIterable<AllStreamResolvedEvent>) {
        const recorded = fromEsdbEvent(resolved);
        if (stopped) break;
        if (!recorded || recorded.globalPosition <= position) continue;
        await onEvents([recorded]);
        position = recorded.globalPosition;
      }
    })().catch((error: unknown) => {
      if (!stopped) new Logger('EventStoreDb').error(`subscription dropped after position ${afterPosition}: ${String(error)}`);
    });
    const subscription: Subscription = {
      stop: async () => {
        stopped = true;
        this.subscriptions.delete(subscription);
        await source.unsubscribe(); // ends the for-await above
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }
}
