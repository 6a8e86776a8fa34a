import type { DeadLetter, EventDecisions, NotificationInbox, NotificationOutbox, NotifierOrderContext, QueuedSend, SentRecord } from '@ot/application';
import type { Instant, SendNotification } from '@ot/domain';
import type Database from 'better-sqlite3';

type OutboxRow = { send: string; attempts: number; next_attempt_at: string };

/**
 * The notifier's inbox (decision log keyed by globalPosition) and outbox (queued sends, retries, dead
 * letters) in one SQLite database: record() writes the handled mark, the order context and the sends in
 * a single transaction, which is what makes acknowledging the bus message safe.
 */
export class SqliteNotificationStore implements NotificationInbox, NotificationOutbox {
  constructor(private readonly db: Database.Database) {}

  async isHandled(globalPosition: number): Promise<boolean> {
    return !!this.db.prepare('SELECT 1 FROM handled_events WHERE global_position = ?').get(globalPosition);
  }

  async orderContext(orderId: string): Promise<NotifierOrderContext | undefined> {
    const row = this.db.prepare('SELECT context FROM order_contexts WHERE order_id = ?').get(orderId) as { context: string } | undefined;
    return row ? (JSON.parse(row.context) as NotifierOrderContext) : undefined;
  }

  async sentTo(customerId: string, since: Instant): Promise<SentRecord[]> {
    const rows = this.db
      .prepare(`SELECT send, sent_at FROM outbox WHERE customer_id = ? AND status IN ('pending', 'sent')`)
      .all(customerId) as { send: string; sent_at: string | null }[];
    return rows
      .map((r) => ({ s: JSON.parse(r.send) as SendNotification, at: r.sent_at }))
      .map(({ s, at }) => ({ notificationId: s.notificationId, orderId: s.orderId, kind: s.kind, at: at ?? s.notBefore }))
      .filter((r) => r.at >= since);
  }

  async pendingFor(orderId: string): Promise<SendNotification[]> {
    const rows = this.db.prepare(`SELECT send FROM outbox WHERE order_id = ? AND status = 'pending'`).all(orderId) as { send: string }[];
    return rows.map((r) => JSON.parse(r.send) as SendNotification);
  }

  async record(d: EventDecisions): Promise<boolean> {
    const tx = this.db.transaction((): boolean => {
      const mark = this.db.prepare('INSERT OR IGNORE INTO handled_events (global_position, handled_at) VALUES (?, ?)').run(d.globalPosition, d.at);
      if (mark.changes === 0) return false; // another delivery of this event already recorded it
      if (d.order) {
        this.db
          .prepare('INSERT INTO order_contexts (order_id, context) VALUES (?, ?) ON CONFLICT(order_id) DO UPDATE SET context = excluded.context')
          .run(d.orderId, JSON.stringify(d.order));
      }
      const supersede = this.db.prepare(`UPDATE outbox SET status = 'superseded' WHERE notification_id = ? AND status = 'pending'`);
      d.superseded.forEach((id) => supersede.run(id));
      const queue = this.db.prepare(
        `INSERT OR IGNORE INTO outbox (notification_id, order_id, customer_id, send, status, next_attempt_at) VALUES (?, ?, ?, ?, 'pending', ?)`,
      );
      d.sends.forEach((s) => queue.run(s.notificationId, s.orderId, s.customerId, JSON.stringify(s), s.notBefore));
      return true;
    });
    return tx.immediate();
  }

  async claimDue(now: Instant, leaseUntil: Instant, limit: number): Promise<QueuedSend[]> {
    const tx = this.db.transaction((): QueuedSend[] => {
      const rows = this.db
        .prepare(`SELECT send, attempts, next_attempt_at FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?`)
        .all(now, limit) as OutboxRow[];
      const lease = this.db.prepare('UPDATE outbox SET next_attempt_at = ? WHERE notification_id = ?');
      return rows.map((r) => {
        const send = JSON.parse(r.send) as SendNotification;
        lease.run(leaseUntil, send.notificationId);
        return { ...send, attempts: r.attempts, nextAttemptAt: leaseUntil };
      });
    });
    return tx.immediate(); // IMMEDIATE: a second dispatcher process waits instead of claiming the same rows
  }

  async markSent(id: string, at: Instant): Promise<void> {
    this.db.prepare(`UPDATE outbox SET status = 'sent', sent_at = ? WHERE notification_id = ?`).run(at, id);
  }

  async reschedule(id: string, attempts: number, nextAttemptAt: Instant, error: string): Promise<void> {
    this.db.prepare('UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE notification_id = ?').run(attempts, nextAttemptAt, error, id);
  }

  async deadLetter(id: string, reason: string, attempts: number, at: Instant): Promise<void> {
    this.db.prepare(`UPDATE outbox SET status = 'dead', attempts = ?, dead_reason = ?, dead_at = ? WHERE notification_id = ?`).run(attempts, reason, at, id);
  }

  async deadLetters(): Promise<DeadLetter[]> {
    const rows = this.db
      .prepare(`SELECT notification_id, order_id, customer_id, send, dead_reason, attempts, dead_at FROM outbox WHERE status = 'dead' ORDER BY dead_at`)
      .all() as { notification_id: string; order_id: string; customer_id: string; send: string; dead_reason: string; attempts: number; dead_at: string }[];
    return rows.map((r) => ({
      notificationId: r.notification_id,
      orderId: r.order_id,
      customerId: r.customer_id,
      kind: (JSON.parse(r.send) as SendNotification).kind,
      reason: r.dead_reason,
      attempts: r.attempts,
      at: r.dead_at,
    }));
  }

  async redrive(id: string, now: Instant): Promise<boolean> {
    const result = this.db
      .prepare(`UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, dead_reason = NULL, dead_at = NULL WHERE notification_id = ? AND status = 'dead'`)
      .run(now, id);
    return result.changes > 0;
  }
}
