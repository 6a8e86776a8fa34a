import type { NotificationAttempt, NotificationLog } from '@ot/application';
import type { PostgresDatabase } from '@ot/sql';
import { migrateNotifierPostgres } from './postgres.notifier.schema';
import { attemptOf, type AttemptRow } from './notification-log.row';

const COLUMNS = ['order_id', 'notification_id', 'kind', 'channel', 'status', 'provider_message_id', 'error', 'at'] as const;

/** The attempt log in the shared PostgreSQL schema: append-only, read per order in the order it was written. */
export class PostgresNotificationLog implements NotificationLog {
  private constructor(private readonly db: PostgresDatabase) {}

  static async open(db: PostgresDatabase): Promise<PostgresNotificationLog> {
    await migrateNotifierPostgres(db);
    return new PostgresNotificationLog(db);
  }

  /** One statement for a batch of lines: they commit together. */
  async append(...attempts: readonly NotificationAttempt[]): Promise<void> {
    if (!attempts.length) return;
    const columns = attempts.map((a) => [a.orderId, a.notificationId, a.kind, a.channel ?? null, a.status, a.providerMessageId ?? null, a.error ?? null, a.at]);
    await this.db.query(
      `INSERT INTO notification_log (${COLUMNS.join(', ')})
       SELECT ${COLUMNS.join(', ')} FROM unnest(${COLUMNS.map((_, i) => `$${i + 1}::text[]`).join(', ')}) WITH ORDINALITY AS t(${COLUMNS.join(', ')}, n) ORDER BY n`,
      COLUMNS.map((_, i) => columns.map((row) => row[i])),
    );
  }

  async forOrder(orderId: string): Promise<NotificationAttempt[]> {
    return (await this.db.query<AttemptRow>('SELECT * FROM notification_log WHERE order_id = $1 ORDER BY id', [orderId])).map(attemptOf);
  }
}
