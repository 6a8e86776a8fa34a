import type { Channel, Instant, NotificationKind } from '@ot/domain';

export type AttemptStatus = 'sent' | 'transient-failure' | 'permanent-failure' | 'invalid-recipient' | 'no-contact' | 'no-sender' | 'dead-lettered';

/** One line per attempt on one channel: the ops view of what happened to a notification. */
export type NotificationAttempt = Readonly<{
  orderId: string;
  notificationId: string;
  kind: NotificationKind;
  channel?: Channel;
  status: AttemptStatus;
  providerMessageId?: string;
  error?: string;
  /** The request that recorded the event behind this notification (x-request-id), to follow a webhook to its messages. */
  requestId?: string;
  at: Instant;
}>;

/** Append-only; GET /orders/:id/notifications reads it. */
export interface NotificationLog {
  append(attempt: NotificationAttempt): Promise<void>;
  forOrder(orderId: string): Promise<NotificationAttempt[]>;
}
