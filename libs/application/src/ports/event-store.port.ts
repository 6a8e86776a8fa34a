import type { OrderEvent } from '@ot/domain';

/** An event as handed to the store: the store assigns positions and the recording time. */
export type NewEvent<E extends { type: string; data: unknown } = OrderEvent> = E & {
  metadata?: Readonly<Record<string, unknown>>;
};

/** An event as the store gives it back. Positions are 1-based; globalPosition orders all streams. */
export type RecordedEvent<E extends { type: string; data: unknown } = OrderEvent> = E & {
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: number;
  readonly recordedAt: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
};

export type ReadStreamResult<E extends OrderEvent = OrderEvent> = {
  events: RecordedEvent<E>[];
  /** Number of events in the stream; 0 when it does not exist. */
  version: number;
};

export type AppendResult = { nextVersion: number; lastPosition: number };

export interface Subscription {
  stop(): Promise<void>;
}

/**
 * The only write port. Narrow on purpose: append with optimistic concurrency, read one stream,
 * read everything in global order (projections, relay), and be told when something new lands.
 *
 * appendToStream throws DomainError('VERSION_CONFLICT') when the stream's version is not
 * `expectedVersion` (0 = the stream must not exist yet). A batch is appended whole or not at all.
 */
export interface EventStore {
  readStream<E extends OrderEvent = OrderEvent>(streamId: string): Promise<ReadStreamResult<E>>;
  appendToStream(streamId: string, events: readonly NewEvent[], options: { expectedVersion: number }): Promise<AppendResult>;
  /** A page may hold fewer than `limit` events while more follow (a store may serve what it has at hand): read until a page is empty. */
  readAll(afterPosition: number, limit: number): Promise<RecordedEvent[]>;
  /** Calls `onEvents` with every event after `afterPosition`, in global order, then with each new one as it lands. */
  subscribeToAll(afterPosition: number, onEvents: (events: RecordedEvent[]) => Promise<void>): Subscription;
  close(): Promise<void>;
}
