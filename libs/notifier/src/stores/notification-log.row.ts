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
  at: string;
};

export const attemptOf = (r: AttemptRow): NotificationAttempt => ({
  orderId: r.order_id,
  notificationId: r.notification_id,
  kind: r.kind,
  status: r.status,
  at: r.at,
  ...(r.channel ? { channel: r.channel } : {}),
  ...(r.provider_message_id ? { providerMessageId: r.provider_message_id } : {}),
  ...(r.error ? { error: r.error } : {}),
});
