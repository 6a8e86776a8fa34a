import type { ChannelOutcome, NotificationAttempt, NotificationLog } from '@ot/application';
import type { PostgresDatabase } from '@ot/sql';
import { migrateNotifierPostgres } from './postgres.notifier.schema';
import { attemptOf, type AttemptRow, attemptValues, OUTCOMES_SQL, SENT_COUNTS_SQL } from './notification-log.row';

const COLUMNS = ['order_id', 'notification_id', 'kind', 'channel', 'status', 'provider_message_id', 'error', 'request_id', 'at'] as const;

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
    const columns = attempts.map(attemptValues);
    await this.db.query(
      `INSERT INTO notification_log (${COLUMNS.join(', ')})
       SELECT ${COLUMNS.join(', ')} FROM unnest(${COLUMNS.map((_, i) => `$${i + 1}::text[]`).join(', ')}) WITH ORDINALITY AS t(${COLUMNS.join(', ')}, n) ORDER BY n`,
      COLUMNS.map((_, i) => columns.map((row) => row[i])),
    );
  }

  async forOrder(orderId: string): Promise<NotificationAttempt[]> {
    return (await this.db.query<AttemptRow>('SELECT * FROM notification_log WHERE order_id = $1 ORDER BY id', [orderId])).map(attemptOf);
  }

  async sentCountsByOrder(orderIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map(orderIds.map((id) => [id, 0]));
    if (!orderIds.length) return counts;
    for (const r of await this.db.query<{ order_id: string; n: number }>(SENT_COUNTS_SQL('order_id = ANY($1::text[])'), [[...orderIds]]))
      counts.set(r.order_id, r.n);
    return counts;
  }

  async outcomesByChannel(since?: string): Promise<ChannelOutcome[]> {
    return this.db.query<ChannelOutcome>(OUTCOMES_SQL('$1::text'), [since ?? null]);
  }
}
