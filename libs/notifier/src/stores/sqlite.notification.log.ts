import type { NotificationAttempt, NotificationLog } from '@ot/application';
import type { Channel, NotificationKind } from '@ot/domain';
import type Database from 'better-sqlite3';

type Row = {
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

/** The attempt log, append-only, read per order in the order it was written. */
export class SqliteNotificationLog implements NotificationLog {
  private readonly insert: Database.Statement<unknown[]>;
  private readonly selectForOrder: Database.Statement<[string], Row>;
  private readonly appendTx: Database.Transaction<(attempts: readonly NotificationAttempt[]) => void>;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      `INSERT INTO notification_log (order_id, notification_id, kind, channel, status, provider_message_id, error, request_id, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.selectForOrder = db.prepare('SELECT * FROM notification_log WHERE order_id = ? ORDER BY id');
    this.appendTx = db.transaction((attempts: readonly NotificationAttempt[]) => {
      for (const a of attempts) this.insert.run(a.orderId, a.notificationId, a.kind, a.channel ?? null, a.status, a.providerMessageId ?? null, a.error ?? null, a.requestId ?? null, a.at);
    });
  }

  /** A batch's decisions not to send are many lines: one transaction for all of them. */
  async append(...attempts: readonly NotificationAttempt[]): Promise<void> {
    if (attempts.length) this.appendTx.immediate(attempts);
  }

  async forOrder(orderId: string): Promise<NotificationAttempt[]> {
    const rows = this.selectForOrder.all(orderId);
    return rows.map((r) => ({
      orderId: r.order_id,
      notificationId: r.notification_id,
      kind: r.kind,
      status: r.status,
      at: r.at,
      ...(r.channel ? { channel: r.channel } : {}),
      ...(r.provider_message_id ? { providerMessageId: r.provider_message_id } : {}),
      ...(r.error ? { error: r.error } : {}),
      ...(r.request_id ? { requestId: r.request_id } : {}),
    }));
  }
}
