import type { Channel, Instant, NotificationKind, UnsentReason } from '@ot/domain';

/** A send attempt's outcome, or a decision not to send (UnsentReason: opted out, digested, stale...). */
export type AttemptStatus =
  'sent' | 'transient-failure' | 'permanent-failure' | 'invalid-recipient' | 'no-contact' | 'no-sender' | 'dead-lettered' | UnsentReason;

/** One line per attempt on one channel, or per decision not to send: the ops view of what happened to a notification. */
export type NotificationAttempt = Readonly<{
  orderId: string;
  notificationId: string;
  kind: NotificationKind;
  channel?: Channel;
  status: AttemptStatus;
  providerMessageId?: string;
  /** The failure, or why it was not sent. */
  error?: string;
  /** The request that recorded the event behind this notification (x-request-id), to follow a webhook to its messages. */
  requestId?: string;
  /** On the system's Clock: the decision instant, or the instant the attempt was due. */
  at: Instant;
}>;

/** Lines of the log counted by channel and status; channel null for decisions taken before a channel (not sent, dead-lettered). */
export type ChannelOutcome = Readonly<{ channel: Channel | null; status: AttemptStatus; n: number }>;

/** Append-only; GET /orders/:id/notifications reads it, the ops console counts it. */
export interface NotificationLog {
  /** Several lines are written together (one transaction where the store has them). */
  append(...attempts: readonly NotificationAttempt[]): Promise<void>;
  forOrder(orderId: string): Promise<NotificationAttempt[]>;
  /** Per order asked for, the notifications that reached the customer (distinct ids with a 'sent' line); 0 when none. */
  sentCountsByOrder(orderIds: readonly string[]): Promise<Map<string, number>>;
  /** Every line counted by channel and status, at or after `since` when given; ordered by channel, then status. */
  outcomesByChannel(since?: Instant): Promise<ChannelOutcome[]>;
}
