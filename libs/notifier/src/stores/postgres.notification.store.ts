import type { DeadLetter, EventDecisions, NotificationInbox, NotificationOutbox, NotifierOrderContext, QueuedSend, SentRecord } from '@ot/application';
import { customersToRead } from '@ot/application';
import type { Instant, SendNotification } from '@ot/domain';
import type { PostgresDatabase } from '@ot/sql';
import type { PoolClient } from 'pg';
import { grouped } from './grouped.rows';
import { migrateNotifierPostgres } from './postgres.notifier.schema';

type DeadRow = {
  notification_id: string;
  order_id: string;
  customer_id: string;
  kind: DeadLetter['kind'];
  dead_reason: string;
  attempts: number;
  dead_at: string;
};

/**
 * The notifier's inbox and outbox in the shared PostgreSQL schema, for notifier instances on several
 * hosts. What keeps a notification from going out twice is the database, not a process: the handled
 * mark's primary key lets one instance record an event (the other gets false and writes nothing), and
 * claimDue leases rows under FOR UPDATE SKIP LOCKED, so two dispatchers never take the same send.
 */
export class PostgresNotificationStore implements NotificationInbox, NotificationOutbox {
  private constructor(private readonly db: PostgresDatabase) {}

  static async open(db: PostgresDatabase): Promise<PostgresNotificationStore> {
    await migrateNotifierPostgres(db);
    return new PostgresNotificationStore(db);
  }

  async handled(globalPositions: readonly number[]): Promise<ReadonlySet<number>> {
    const rows = await this.db.query<{ p: string }>('SELECT global_position AS p FROM handled_events WHERE global_position = ANY($1::bigint[])', [
      globalPositions,
    ]);
    return new Set(rows.map((r) => Number(r.p)));
  }

  async orderContext(orderId: string): Promise<NotifierOrderContext | undefined> {
    const [row] = await this.db.query<{ context: string }>('SELECT context FROM order_contexts WHERE order_id = $1', [orderId]);
    return row && (JSON.parse(row.context) as NotifierOrderContext);
  }

  async sentTo(customerId: string, since: Instant): Promise<SentRecord[]> {
    return this.db.query<SentRecord>(
      `SELECT notification_id AS "notificationId", order_id AS "orderId", kind, coalesce(sent_at, not_before) AS at FROM outbox
       WHERE customer_id = $1 AND status IN ('pending', 'sent') AND coalesce(sent_at, not_before) >= $2 ORDER BY seq`,
      [customerId, since],
    );
  }

  async pendingFor(orderId: string): Promise<SendNotification[]> {
    return this.sends(`SELECT send FROM outbox WHERE order_id = $1 AND status = 'pending' AND kind <> 'digest' ORDER BY seq`, orderId);
  }

  async pendingDigests(customerId: string, dueAfter: Instant = ''): Promise<SendNotification[]> {
    return this.sends(
      `SELECT send FROM outbox WHERE customer_id = $1 AND status = 'pending' AND kind = 'digest' AND not_before > $2 ORDER BY seq`,
      customerId,
      dueAfter,
    );
  }

  async readAhead(orderIds: readonly string[], customerIds: readonly string[], since: Instant, digestsAfter: Instant, contextsOnly: readonly string[] = []) {
    const found = await this.db.query<{ order_id: string; context: string }>('SELECT order_id, context FROM order_contexts WHERE order_id = ANY($1::text[])', [
      [...orderIds, ...contextsOnly],
    ]);
    const contexts = new Map(found.map((r) => [r.order_id, JSON.parse(r.context) as NotifierOrderContext]));
    const customers = customersToRead(contexts, orderIds, customerIds);
    const pending = await this.db.query<{ order_id: string; send: string }>(
      `SELECT order_id, send FROM outbox WHERE order_id = ANY($1::text[]) AND status = 'pending' AND kind <> 'digest' ORDER BY seq`,
      [orderIds],
    );
    const sent = await this.db.query<SentRecord & { customerId: string }>(
      `SELECT customer_id AS "customerId", notification_id AS "notificationId", order_id AS "orderId", kind, coalesce(sent_at, not_before) AS at FROM outbox
       WHERE customer_id = ANY($1::text[]) AND status IN ('pending', 'sent') AND coalesce(sent_at, not_before) >= $2 ORDER BY seq`,
      [customers, since],
    );
    const digests = await this.db.query<{ customer_id: string; send: string }>(
      `SELECT customer_id, send FROM outbox WHERE customer_id = ANY($1::text[]) AND status = 'pending' AND kind = 'digest' AND not_before > $2 ORDER BY seq`,
      [customers, digestsAfter],
    );
    const parsed = (r: { send: string }) => JSON.parse(r.send) as SendNotification;
    return {
      contexts,
      pending: grouped(orderIds, pending, (r) => r.order_id, parsed),
      sent: grouped(
        customers,
        sent,
        (r) => r.customerId,
        ({ customerId: _, ...r }) => r,
      ),
      digests: grouped(customers, digests, (r) => r.customer_id, parsed),
    };
  }

  async record(...batch: readonly EventDecisions[]): Promise<boolean[]> {
    return this.db.transaction(async (client) => {
      const done: boolean[] = [];
      for (const d of batch) done.push(await recordOne(client, d));
      return done;
    });
  }

  async claimDue(now: Instant, leaseUntil: Instant, limit: number): Promise<QueuedSend[]> {
    // SKIP LOCKED: a second dispatcher passes over rows being leased now; once that lease commits their
    // next_attempt_at is past `now`, so they no longer qualify for anyone until it runs out.
    // claimed_due_at keeps the instant it was due while leases run out, so a send whose dispatcher
    // died is claimed again as the same message (same sentAt and idempotency key).
    const rows = await this.db.query<{ send: string; attempts: number; due_at: string }>(
      `WITH due AS (
         SELECT notification_id, coalesce(claimed_due_at, next_attempt_at) AS due_at FROM outbox
         WHERE status = 'pending' AND next_attempt_at <= $1
         ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
       UPDATE outbox o SET next_attempt_at = $2, claimed_due_at = due.due_at FROM due WHERE o.notification_id = due.notification_id
       RETURNING o.send, o.attempts, due.due_at`,
      [now, leaseUntil, limit],
    );
    return rows
      .sort((a, b) => (a.due_at < b.due_at ? -1 : a.due_at > b.due_at ? 1 : 0))
      .map((r) => ({ ...(JSON.parse(r.send) as SendNotification), attempts: r.attempts, nextAttemptAt: leaseUntil, dueAt: r.due_at }));
  }

  async markSent(id: string, at: Instant): Promise<void> {
    await this.db.query(`UPDATE outbox SET status = 'sent', sent_at = $1 WHERE notification_id = $2`, [at, id]);
  }

  async drop(id: string): Promise<void> {
    await this.db.query(`UPDATE outbox SET status = 'superseded' WHERE notification_id = $1 AND status = 'pending'`, [id]);
  }

  async reschedule(id: string, attempts: number, nextAttemptAt: Instant, error: string, heldFrom?: Instant): Promise<void> {
    await this.db.query(
      'UPDATE outbox SET attempts = $1, next_attempt_at = $2, last_error = $3, held_from = $4, claimed_due_at = NULL WHERE notification_id = $5',
      [attempts, nextAttemptAt, error, heldFrom ?? null, id],
    );
  }

  async releaseQuietHolds(customerId: string, now: Instant): Promise<number> {
    const rows = await this.db.query(
      `UPDATE outbox SET next_attempt_at = LEAST(next_attempt_at, GREATEST(held_from, $1)), held_from = NULL
       WHERE customer_id = $2 AND status = 'pending' AND held_from IS NOT NULL AND claimed_due_at IS NULL AND next_attempt_at > $1 RETURNING 1`,
      [now, customerId],
    );
    return rows.length;
  }

  async deadLetter(id: string, reason: string, attempts: number, at: Instant): Promise<void> {
    await this.db.query(`UPDATE outbox SET status = 'dead', attempts = $1, dead_reason = $2, dead_at = $3 WHERE notification_id = $4`, [
      attempts,
      reason,
      at,
      id,
    ]);
  }

  async deadLetters(): Promise<DeadLetter[]> {
    const rows = await this.db.query<DeadRow>(
      `SELECT notification_id, order_id, customer_id, kind, dead_reason, attempts, dead_at FROM outbox WHERE status = 'dead' ORDER BY dead_at, seq`,
    );
    return rows.map((r) => ({
      notificationId: r.notification_id,
      orderId: r.order_id,
      customerId: r.customer_id,
      kind: r.kind,
      reason: r.dead_reason,
      attempts: r.attempts,
      at: r.dead_at,
    }));
  }

  async backlog(): Promise<{ pending: number; dead: number }> {
    const counts = { pending: 0, dead: 0 };
    const rows = await this.db.query<{ status: string; n: string }>(
      `SELECT status, count(*) AS n FROM outbox WHERE status IN ('pending', 'dead') GROUP BY status`,
    );
    for (const { status, n } of rows) counts[status as keyof typeof counts] = Number(n);
    return counts;
  }

  async redrive(id: string, now: Instant): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $1, claimed_due_at = NULL, dead_reason = NULL, dead_at = NULL
       WHERE notification_id = $2 AND status = 'dead' RETURNING 1`,
      [now, id],
    );
    return rows.length > 0;
  }

  private async sends(sql: string, ...params: string[]): Promise<SendNotification[]> {
    return (await this.db.query<{ send: string }>(sql, params)).map((r) => JSON.parse(r.send) as SendNotification);
  }
}

/**
 * One event's decisions inside the batch's transaction. The handled mark goes first: if another
 * instance recorded this position (committed, or still in flight: the insert waits for it), nothing
 * else of this event is written.
 */
async function recordOne(client: PoolClient, d: EventDecisions): Promise<boolean> {
  const mark = await client.query('INSERT INTO handled_events (global_position, handled_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [d.globalPosition, d.at]);
  if (mark.rowCount === 0) return false;
  if (d.order) {
    await client.query('INSERT INTO order_contexts (order_id, context) VALUES ($1, $2) ON CONFLICT (order_id) DO UPDATE SET context = excluded.context', [
      d.orderId,
      JSON.stringify(d.order),
    ]);
  }
  if (d.superseded.length) {
    await client.query(`UPDATE outbox SET status = 'superseded' WHERE notification_id = ANY($1::text[]) AND status = 'pending'`, [d.superseded]);
  }
  for (const s of d.sends) {
    const json = JSON.stringify(s);
    // A digest already queued is replaced by its new version (the policy merged them).
    if (s.kind === 'digest') {
      const replaced = await client.query(`UPDATE outbox SET send = $1 WHERE notification_id = $2 AND status = 'pending'`, [json, s.notificationId]);
      if (replaced.rowCount) continue;
    }
    await client.query(
      `INSERT INTO outbox (notification_id, order_id, customer_id, send, kind, not_before, status, next_attempt_at, held_from)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', $6, $7) ON CONFLICT (notification_id) DO NOTHING`,
      [s.notificationId, s.orderId, s.customerId, json, s.kind, s.notBefore, s.heldFrom ?? null],
    );
  }
  return true;
}
