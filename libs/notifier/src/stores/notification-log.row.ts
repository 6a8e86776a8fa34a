import type { NotificationAttempt } from '@ot/application';
import type { Channel, NotificationKind } from '@ot/domain';

/** A notification_log row, the same columns in SQLite and PostgreSQL. */
export type AttemptRow = {
  order_id: string;
  notification_id: string;
  kind: NotificationKind;
  channel: Channel | null;
  status: NotificationAttempt['status'];
  provider_message_id: string | null;
  error: string | null;
  request_id: string | null;
  at: string;
};

/** One attempt's column values, in the insert order both adapters use (AttemptRow's columns, without the id). */
export const attemptValues = (a: NotificationAttempt): (string | null)[] => [
  a.orderId,
  a.notificationId,
  a.kind,
  a.channel ?? null,
  a.status,
  a.providerMessageId ?? null,
  a.error ?? null,
  a.requestId ?? null,
  a.at,
];

export const attemptOf = (r: AttemptRow): NotificationAttempt => ({
  orderId: r.order_id,
  notificationId: r.notification_id,
  kind: r.kind,
  status: r.status,
  at: r.at,
  ...(r.channel ? { channel: r.channel } : {}),
  ...(r.provider_message_id ? { providerMessageId: r.provider_message_id } : {}),
  ...(r.error ? { error: r.error } : {}),
  ...(r.request_id ? { requestId: r.request_id } : {}),
});

/** The same two counts in both dialects; only the parameter syntax differs (counts cast to int: PostgreSQL answers bigint as text). */
export const SENT_COUNTS_SQL = (orderIn: string): string =>
  `SELECT order_id, CAST(COUNT(DISTINCT notification_id) AS INTEGER) AS n FROM notification_log WHERE status = 'sent' AND ${orderIn} GROUP BY order_id`;
export const OUTCOMES_SQL = (since: string): string =>
  `SELECT channel, status, CAST(COUNT(*) AS INTEGER) AS n FROM notification_log WHERE ${since} IS NULL OR at >= ${since}
   GROUP BY channel, status ORDER BY channel IS NULL, channel, status`;
