import type { RecordedEvent } from './event-store.port';

/** A message on the order-events bus: keyed by orderId so one order's events stay in order. */
export type BusMessage<V = RecordedEvent> = Readonly<{ key: string; value: V }>;

/** As a consumer sees it: where it sits, so a handler (or a test) can reason about redelivery. */
export type ReceivedMessage<V = RecordedEvent> = BusMessage<V> & Readonly<{ partition: number; offset: string }>;

/** Consecutive messages of one partition, in offset order (never empty). */
export type MessageBatch<V = RecordedEvent> = readonly ReceivedMessage<V>[];

/**
 * The handler's promise resolving means "the whole batch is done": only then are its offsets
 * committed. Rejecting (or the consumer dying first) means the whole batch comes again, from its
 * first message, here or on another member of the group: a batch is the redelivery unit, so a
 * handler keeps its effects for a batch in one transaction, or makes each message idempotent.
 */
export type BatchHandler<V = RecordedEvent> = (batch: MessageBatch<V>) => Promise<void>;

export interface BusSubscription {
  /** Leaves the group; an in-flight batch is abandoned uncommitted, as if the process had died. */
  stop(): Promise<void>;
}

/**
 * At-least-once, ordered per key, consumer groups share partitions (Kafka semantics), delivered in
 * batches per partition (a page of the in-process log, a kafkajs fetch). Adapters: in-process
 * (embedded default) and Kafka; both pass libs/messaging/src/contract.
 */
export interface MessageBus<V = RecordedEvent> {
  publish(messages: readonly BusMessage<V>[]): Promise<void>;
  subscribe(groupId: string, handler: BatchHandler<V>): Promise<BusSubscription>;
  close(): Promise<void>;
}
