import type { ChannelOutcome, NotificationAttempt, NotificationLog } from '@ot/application';
import type Database from 'better-sqlite3';
import { attemptOf, type AttemptRow, attemptValues, OUTCOMES_SQL, SENT_COUNTS_SQL } from './notification-log.row';

/** The attempt log, append-only, read per order in the order it was written. */
export class SqliteNotificationLog implements NotificationLog {
  private readonly insert: Database.Statement<unknown[]>;
  private readonly selectForOrder: Database.Statement<[string], AttemptRow>;
  private readonly selectSentCounts: Database.Statement<[string], { order_id: string; n: number }>;
  private readonly selectOutcomes: Database.Statement<[{ since: string | null }], ChannelOutcome>;
  private readonly appendTx: Database.Transaction<(attempts: readonly NotificationAttempt[]) => void>;

  constructor(readonly db: Database.Database) {
    this.insert = db.prepare(
      `INSERT INTO notification_log (order_id, notification_id, kind, channel, status, provider_message_id, error, request_id, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.selectForOrder = db.prepare('SELECT * FROM notification_log WHERE order_id = ? ORDER BY id');
    this.selectSentCounts = db.prepare(SENT_COUNTS_SQL('order_id IN (SELECT value FROM json_each(?))'));
    this.selectOutcomes = db.prepare(OUTCOMES_SQL('@since'));
    this.appendTx = db.transaction((attempts: readonly NotificationAttempt[]) => this.insertAll(attempts));
  }

  /** The lines' inserts alone, for a caller that holds a transaction on the same file. */
  insertAll(attempts: readonly NotificationAttempt[]): void {
    for (const a of attempts) this.insert.run(...attemptValues(a));
  }

  /** A batch's decisions not to send are many lines: one transaction for all of them. */
  async append(...attempts: readonly NotificationAttempt[]): Promise<void> {
    if (attempts.length) this.appendTx.immediate(attempts);
  }

  async forOrder(orderId: string): Promise<NotificationAttempt[]> {
    return this.selectForOrder.all(orderId).map(attemptOf);
  }

  async sentCountsByOrder(orderIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map(orderIds.map((id) => [id, 0]));
    if (orderIds.length) for (const r of this.selectSentCounts.all(JSON.stringify(orderIds))) counts.set(r.order_id, r.n);
    return counts;
  }

  async outcomesByChannel(since?: string): Promise<ChannelOutcome[]> {
    return this.selectOutcomes.all({ since: since ?? null });
  }
}
