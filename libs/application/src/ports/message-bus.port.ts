import type { RecordedEvent } from './event-store.port';

/** A message on the order-events bus: keyed by orderId so one order's events stay in order. */
export type BusMessage<V = RecordedEvent> = Readonly<{ key: string; value: V }>;

/** As a consumer sees it: where it sits, so a handler (or a test) can reason about redelivery. */
export type ReceivedMessage<V = RecordedEvent> = BusMessage<V> & Readonly<{ partition: number; offset: string }>;

/**
 * The handler's promise resolving means "done": only then is the offset committed. Rejecting (or the
 * consumer dying first) means the message comes again, here or on another member of the group.
 */
export type MessageHandler<V = RecordedEvent> = (message: ReceivedMessage<V>) => Promise<void>;

export interface BusSubscription {
  /** Leaves the group; an in-flight message is abandoned uncommitted, as if the process had died. */
  stop(): Promise<void>;
}

/**
 * At-least-once, ordered per key, consumer groups share partitions (Kafka semantics). Adapters:
 * in-process (embedded default) and Kafka; both pass libs/messaging/src/contract.
 */
export interface MessageBus<V = RecordedEvent> {
  publish(messages: readonly BusMessage<V>[]): Promise<void>;
  subscribe(groupId: string, handler: MessageHandler<V>): Promise<BusSubscription>;
  close(): Promise<void>;
}
