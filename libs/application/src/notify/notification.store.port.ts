import type { Instant, NotificationKind, SendNotification, UnsentNotification } from '@ot/domain';
import type { NotifierOrderContext } from './order-context';

/** The policy's "sent log": one line per decided notification (at = sent time, or notBefore while queued). */
export type SentRecord = Readonly<{ notificationId: string; orderId: string; kind: NotificationKind; at: Instant }>;

/** The request that caused a send, carried from the event's metadata to its attempt log lines. */
export type Correlated = Readonly<{ requestId?: string }>;

/** Everything decided for one bus message, written together with its "handled" mark. */
export type EventDecisions = Readonly<{
  globalPosition: number;
  orderId: string;
  /** The order after this event; undefined when the event came before OrderPlaced or left the order as it was. */
  order?: NotifierOrderContext;
  sends: readonly (SendNotification & Correlated)[];
  superseded: readonly string[];
  /** Decisions not to send (or not yet): logged once the event is recorded, never queued. */
  unsent?: readonly UnsentNotification[];
  /** The decision instant (the event's time). */
  at: Instant;
}>;

/**
 * What a batch's decisions read, fetched at once: each order's context (absent: none stored) and queued
 * sends, and for each customer (those given and those of the contexts found) the sent log from `since`
 * and the queued digests not yet due at `digestsAfter`. Every order and customer read has an entry, empty
 * when there is nothing.
 */
export type InboxReadAhead = Readonly<{
  contexts: ReadonlyMap<string, NotifierOrderContext>;
  pending: ReadonlyMap<string, SendNotification[]>;
  sent: ReadonlyMap<string, SentRecord[]>;
  digests: ReadonlyMap<string, SendNotification[]>;
}>;

/**
 * The inbox side: a durable decision log keyed by the event's globalPosition, so a redelivered message
 * (Kafka is at-least-once) is recognised and skipped, and a message is acknowledged only once recorded.
 */
export interface NotificationInbox {
  /** Which of these events were handled already (one read for a whole batch). */
  handled(globalPositions: readonly number[]): Promise<ReadonlySet<number>>;
  orderContext(orderId: string): Promise<NotifierOrderContext | undefined>;
  sentTo(customerId: string, since: Instant): Promise<SentRecord[]>;
  /** This order's queued sends, digests aside (a digest spans orders and never collapses). */
  pendingFor(orderId: string): Promise<SendNotification[]>;
  /**
   * The customer's queued digests; with `dueAfter`, only those due after it. The policy joins news only to
   * a digest due after its decision instant and withdraws news only from those, so a reader deciding at
   * `dueAfter` or later needs no other (and a queued digest due earlier can hold every capped item of its slot).
   */
  pendingDigests(customerId: string, dueAfter?: Instant): Promise<SendNotification[]>;
  /**
   * orderContext, pendingFor, sentTo and pendingDigests(c, digestsAfter) for a whole batch: a few reads, not four per order.
   * `contextsOnly`: orders whose events decide nothing, so only their contexts are read (not their sends, nor their customers').
   */
  readAhead(
    orderIds: readonly string[],
    customerIds: readonly string[],
    since: Instant,
    digestsAfter: Instant,
    contextsOnly?: readonly string[],
  ): Promise<InboxReadAhead>;
  /**
   * Writes the decisions of one or more events in ONE transaction (all or none), in order. Per event:
   * false when it was already handled (a concurrent or earlier delivery won) and nothing is written for it.
   * A digest whose id is already queued replaces it (the policy merged them); one already sent is left alone.
   */
  record(...decisions: readonly EventDecisions[]): Promise<boolean[]>;
}

/** dueAt: when this attempt became due (notBefore, a retry's time, a redrive); the send is stamped with it. */
export type QueuedSend = SendNotification & Correlated & Readonly<{ attempts: number; nextAttemptAt: Instant; dueAt: Instant }>;

export type DeadLetter = Readonly<{
  notificationId: string;
  orderId: string;
  customerId: string;
  kind: NotificationKind;
  reason: string;
  attempts: number;
  at: Instant;
}>;

/** The outbox side: sends waiting for their time, their retries, and the dead letters. */
export interface NotificationOutbox {
  /**
   * Takes up to `limit` sends due at `now` and leases them until `leaseUntil` (their next attempt moves
   * there), so a second dispatcher does not take them too and a crashed one's sends come back later.
   */
  claimDue(now: Instant, leaseUntil: Instant, limit: number): Promise<QueuedSend[]>;
  markSent(notificationId: string, at: Instant): Promise<void>;
  /** Released but no longer true (stale): marked superseded, never sent. */
  drop(notificationId: string): Promise<void>;
  /** heldFrom: the customer's quiet hours hold it, and it was due then (releaseQuietHolds may bring it back). */
  reschedule(notificationId: string, attempts: number, nextAttemptAt: Instant, error: string, heldFrom?: Instant): Promise<void>;
  /**
   * A customer changed their quiet hours or zone: each of their sends waiting only for quiet hours (and not
   * being sent) becomes due again at the later of `now` and when it was held from; the dispatcher then asks
   * the quiet-hours rule again with the preferences of the moment. Returns how many.
   */
  releaseQuietHolds(customerId: string, now: Instant): Promise<number>;
  deadLetter(notificationId: string, reason: string, attempts: number, at: Instant): Promise<void>;
  deadLetters(): Promise<DeadLetter[]>;
  /** How many sends wait (due or held) and how many are dead letters: for operators' metrics. */
  backlog(): Promise<{ pending: number; dead: number }>;
  /** Back to the queue, attempts reset, due now. False if there is no such dead letter. */
  redrive(notificationId: string, now: Instant): Promise<boolean>;
}
