import {
  type DecisionJournal,
  type DeadLetter,
  type EventDecisions,
  type InboxReadAhead,
  type NotificationInbox,
  type NotificationOutbox,
  type NotifierOrderContext,
  type QueuedSend,
  type SentJournal,
  type SentRecord,
  unsentLinesOf,
  customersToRead,
} from '@ot/application';
import type { Instant, SendNotification } from '@ot/domain';
import type Database from 'better-sqlite3';
import { grouped } from './grouped.rows';
import type { SqliteNotificationLog } from './sqlite.notification.log';

type OutboxRow = { send: string; attempts: number; due_at: string };
type DeadRow = { notification_id: string; order_id: string; customer_id: string; send: string; dead_reason: string; attempts: number; dead_at: string };

/**
 * The notifier's inbox (decision log keyed by globalPosition) and outbox (queued sends, retries, dead
 * letters) in one SQLite database: record() writes the handled mark, the order context and the sends in
 * a single transaction, which is what makes acknowledging the bus message safe.
 */
export class SqliteNotificationStore implements NotificationInbox, NotificationOutbox {
  // Every statement is prepared once here (the schema exists: openNotifierDb made it): preparing per
  // call is costly on the hot path (docs/PERFORMANCE.md).
  private readonly selectHandled: Database.Statement<[string], { p: number }>;
  private readonly selectHandledBetween: Database.Statement<[number, number], { p: number }>;
  private readonly selectContext: Database.Statement<[string], { context: string }>;
  private readonly selectSentTo: Database.Statement<[string, Instant], SentRecord>;
  private readonly selectPending: Database.Statement<[string], { send: string }>;
  private readonly selectDigests: Database.Statement<[string, Instant], { send: string }>;
  private readonly selectContexts: Database.Statement<[string], { order_id: string; context: string }>;
  private readonly selectPendingOf: Database.Statement<[string], { order_id: string; send: string }>;
  private readonly selectSentOf: Database.Statement<[string, Instant], SentRecord & { customerId: string }>;
  private readonly selectDigestsOf: Database.Statement<[string, Instant], { customer_id: string; send: string }>;
  private readonly updateDigest: Database.Statement<[string, string]>;
  private readonly insertHandled: Database.Statement<[string], { p: number }>;
  private readonly upsertContext: Database.Statement<[string, string]>;
  private readonly supersede: Database.Statement<[string]>;
  private readonly queue: Database.Statement<[string, string, string, string, string, Instant, Instant, Instant | null]>;
  private readonly selectDue: Database.Statement<[Instant, number], OutboxRow>;
  private readonly lease: Database.Statement<[Instant, Instant, string]>;
  private readonly updateSent: Database.Statement<[Instant, string]>;
  private readonly updateRetry: Database.Statement<[number, Instant, string, Instant | null, string]>;
  private readonly releaseHeld: Database.Statement<[Instant, string, Instant]>;
  private readonly updateDead: Database.Statement<[number, string, Instant, string]>;
  private readonly selectDead: Database.Statement<[], DeadRow>;
  private readonly updateRedrive: Database.Statement<[Instant, string]>;
  private readonly countBacklog: Database.Statement<[], { pending: number; dead: number }>;
  private readonly recordTx: Database.Transaction<(batch: readonly EventDecisions[]) => boolean[]>;
  /** record()'s writes without a transaction of their own, for a caller that holds one on this file. */
  private readonly recordAll: (batch: readonly EventDecisions[]) => boolean[];
  private readonly claimTx: Database.Transaction<(now: Instant, leaseUntil: Instant, limit: number) => QueuedSend[]>;
  /** A page's four reads on one snapshot, taking the file's read locks and WAL checks once instead of once a statement. */
  private readonly readAheadTx: Database.Transaction<
    (orderIds: readonly string[], customerIds: readonly string[], since: Instant, digestsAfter: Instant, contextsOnly: readonly string[]) => InboxReadAhead
  >;

  constructor(private readonly db: Database.Database) {
    this.selectHandled = db.prepare('SELECT global_position AS p FROM handled_events WHERE global_position IN (SELECT value FROM json_each(?))');
    this.selectHandledBetween = db.prepare('SELECT global_position AS p FROM handled_events WHERE global_position BETWEEN ? AND ?');
    this.selectContext = db.prepare('SELECT context FROM order_contexts WHERE order_id = ?');
    this.selectSentTo = db.prepare(
      `SELECT notification_id AS notificationId, order_id AS orderId, kind, at FROM (
         SELECT rowid, notification_id, order_id, kind, coalesce(sent_at, not_before) AS at FROM outbox WHERE customer_id = ? AND status IN ('pending', 'sent')
       ) WHERE at >= ? ORDER BY rowid`,
    );
    this.selectPending = db.prepare(`SELECT send FROM outbox WHERE order_id = ? AND status = 'pending' AND kind <> 'digest'`);
    this.selectDigests = db.prepare(
      `SELECT send FROM outbox INDEXED BY outbox_digests_due WHERE customer_id = ? AND status = 'pending' AND kind = 'digest' AND not_before > ? ORDER BY rowid`,
    );
    // The same reads for a batch's orders and customers (a JSON array of ids), in the order the single reads give.
    // INDEXED BY: for a list of ids the planner picks the status index and scans every pending row.
    const ids = 'IN (SELECT value FROM json_each(?))';
    this.selectContexts = db.prepare(`SELECT order_id, context FROM order_contexts WHERE order_id ${ids}`);
    this.selectPendingOf = db.prepare(
      `SELECT order_id, send FROM outbox INDEXED BY outbox_order WHERE order_id ${ids} AND status = 'pending' AND kind <> 'digest' ORDER BY rowid`,
    );
    this.selectSentOf = db.prepare(
      `SELECT customer_id AS customerId, notification_id AS notificationId, order_id AS orderId, kind, at FROM (
         SELECT rowid, customer_id, notification_id, order_id, kind, coalesce(sent_at, not_before) AS at FROM outbox INDEXED BY outbox_customer WHERE customer_id ${ids} AND status IN ('pending', 'sent')
       ) WHERE at >= ? ORDER BY rowid`,
    );
    this.selectDigestsOf = db.prepare(
      `SELECT customer_id, send FROM outbox INDEXED BY outbox_digests_due WHERE customer_id ${ids} AND status = 'pending' AND kind = 'digest' AND not_before > ? ORDER BY rowid`,
    );
    this.updateDigest = db.prepare(`UPDATE outbox SET send = ? WHERE notification_id = ? AND status = 'pending'`);
    // A batch's handled marks in one statement ([position, at] pairs); it returns the positions it marked, not those marked before.
    this.insertHandled = db.prepare(
      'INSERT OR IGNORE INTO handled_events (global_position, handled_at) SELECT value ->> 0, value ->> 1 FROM json_each(?) RETURNING global_position AS p',
    );
    this.upsertContext = db.prepare(
      'INSERT INTO order_contexts (order_id, context) VALUES (?, ?) ON CONFLICT(order_id) DO UPDATE SET context = excluded.context',
    );
    this.supersede = db.prepare(`UPDATE outbox SET status = 'superseded' WHERE notification_id = ? AND status = 'pending'`);
    this.queue = db.prepare(
      `INSERT OR IGNORE INTO outbox (notification_id, order_id, customer_id, send, kind, not_before, status, next_attempt_at, held_from) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
    );
    this.selectDue = db.prepare(
      `SELECT send, attempts, coalesce(claimed_due_at, next_attempt_at) AS due_at FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?`,
    );
    // claimed_due_at: a re-claim after a lease ran out re-sends the same message (same sentAt and idempotency key)
    this.lease = db.prepare('UPDATE outbox SET next_attempt_at = ?, claimed_due_at = ? WHERE notification_id = ?');
    this.updateSent = db.prepare(`UPDATE outbox SET status = 'sent', sent_at = ? WHERE notification_id = ?`);
    this.updateRetry = db.prepare(
      'UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ?, held_from = ?, claimed_due_at = NULL WHERE notification_id = ?',
    );
    // not a claimed send (it is being sent); by the customer index, a customer has few pending rows
    this.releaseHeld = db.prepare(
      `UPDATE outbox SET next_attempt_at = min(next_attempt_at, max(held_from, ?)), held_from = NULL
       WHERE customer_id = ? AND status = 'pending' AND held_from IS NOT NULL AND claimed_due_at IS NULL AND next_attempt_at > ?`,
    );
    this.updateDead = db.prepare(`UPDATE outbox SET status = 'dead', attempts = ?, dead_reason = ?, dead_at = ? WHERE notification_id = ?`);
    this.selectDead = db.prepare(
      `SELECT notification_id, order_id, customer_id, send, dead_reason, attempts, dead_at FROM outbox WHERE status = 'dead' ORDER BY dead_at`,
    );
    this.updateRedrive = db.prepare(
      `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, claimed_due_at = NULL, dead_reason = NULL, dead_at = NULL WHERE notification_id = ? AND status = 'dead'`,
    );
    // Two counts, each over its partial index (a GROUP BY over both statuses would scan the table).
    this.countBacklog = db.prepare(
      `SELECT (SELECT count(*) FROM outbox WHERE status = 'pending') AS pending, (SELECT count(*) FROM outbox WHERE status = 'dead') AS dead`,
    );
    // One transaction per batch of events: their handled marks, order contexts and sends commit together
    // (a commit per event was a quarter of the pipeline's CPU).
    this.recordTx = db.transaction((batch: readonly EventDecisions[]): boolean[] => this.recordAll(batch));
    this.recordAll = (batch: readonly EventDecisions[]): boolean[] => {
      const marked = new Set(this.insertHandled.all(JSON.stringify(batch.map((d) => [d.globalPosition, d.at]))).map((r) => r.p));
      // false: another delivery recorded it already (or it came twice in this batch: the first is recorded)
      const recorded = batch.map((d) => marked.delete(d.globalPosition));
      // Each order's context as its last recorded event left it: what a write per event would leave, one write per order.
      const contexts = new Map<string, NotifierOrderContext>();
      batch.forEach((d, i) => {
        if (!recorded[i]) return;
        if (d.order) contexts.set(d.orderId, d.order);
        d.superseded.forEach((id) => this.supersede.run(id));
        for (const s of d.sends) {
          // A digest already queued is replaced by its new version (the policy merged them).
          if (s.kind === 'digest' && this.updateDigest.run(JSON.stringify(s), s.notificationId).changes) continue;
          this.queue.run(s.notificationId, s.orderId, s.customerId, JSON.stringify(s), s.kind, s.notBefore, s.notBefore, s.heldFrom ?? null);
        }
      });
      contexts.forEach((context, orderId) => this.upsertContext.run(orderId, JSON.stringify(context)));
      return recorded;
    };
    this.readAheadTx = db.transaction(
      (orderIds: readonly string[], customerIds: readonly string[], since: Instant, digestsAfter: Instant, contextsOnly: readonly string[]) =>
        this.readAheadNow(orderIds, customerIds, since, digestsAfter, contextsOnly),
    );
    this.claimTx = db.transaction((now: Instant, leaseUntil: Instant, limit: number): QueuedSend[] => {
      const rows = this.selectDue.all(now, limit);
      return rows.map((r) => {
        const send = JSON.parse(r.send) as SendNotification;
        this.lease.run(leaseUntil, r.due_at, send.notificationId);
        return { ...send, attempts: r.attempts, nextAttemptAt: leaseUntil, dueAt: r.due_at };
      });
    });
  }

  async handled(globalPositions: readonly number[]): Promise<ReadonlySet<number>> {
    if (!globalPositions.length) return new Set();
    const first = Math.min(...globalPositions);
    const last = Math.max(...globalPositions);
    // Nearly consecutive positions (a relay page on one partition): one range seek, not a lookup per position.
    if (last - first < 2 * globalPositions.length) {
      const asked = new Set(globalPositions);
      return new Set(this.selectHandledBetween.all(first, last).flatMap((r) => (asked.has(r.p) ? [r.p] : [])));
    }
    return new Set(this.selectHandled.all(JSON.stringify(globalPositions)).map((r) => r.p)); // one read per batch, not one per event
  }

  async orderContext(orderId: string): Promise<NotifierOrderContext | undefined> {
    const row = this.selectContext.get(orderId);
    return row ? (JSON.parse(row.context) as NotifierOrderContext) : undefined;
  }

  async sentTo(customerId: string, since: Instant): Promise<SentRecord[]> {
    return this.selectSentTo.all(customerId, since);
  }

  async pendingFor(orderId: string): Promise<SendNotification[]> {
    return this.selectPending.all(orderId).map((r) => JSON.parse(r.send) as SendNotification);
  }

  async pendingDigests(customerId: string, dueAfter: Instant = ''): Promise<SendNotification[]> {
    return this.selectDigests.all(customerId, dueAfter).map((r) => JSON.parse(r.send) as SendNotification);
  }

  async readAhead(orderIds: readonly string[], customerIds: readonly string[], since: Instant, digestsAfter: Instant, contextsOnly: readonly string[] = []) {
    return this.readAheadTx.deferred(orderIds, customerIds, since, digestsAfter, contextsOnly);
  }

  private readAheadNow(
    orderIds: readonly string[],
    customerIds: readonly string[],
    since: Instant,
    digestsAfter: Instant,
    contextsOnly: readonly string[],
  ): InboxReadAhead {
    const contextIds = contextsOnly.length ? [...orderIds, ...contextsOnly] : orderIds;
    const contexts = new Map(this.selectContexts.all(JSON.stringify(contextIds)).map((r) => [r.order_id, JSON.parse(r.context) as NotifierOrderContext]));
    const customers = customersToRead(contexts, orderIds, customerIds);
    const pending = grouped(
      orderIds,
      this.selectPendingOf.all(JSON.stringify(orderIds)),
      (r) => r.order_id,
      (r) => JSON.parse(r.send) as SendNotification,
    );
    const sent = grouped(
      customers,
      this.selectSentOf.all(JSON.stringify(customers), since),
      (r) => r.customerId,
      ({ customerId: _, ...r }) => r,
    );
    const digests = grouped(
      customers,
      this.selectDigestsOf.all(JSON.stringify(customers), digestsAfter),
      (r) => r.customer_id,
      (r) => JSON.parse(r.send) as SendNotification,
    );
    return { contexts, pending, sent, digests };
  }

  async record(...batch: readonly EventDecisions[]): Promise<boolean[]> {
    return this.recordTx.immediate(batch);
  }

  async claimDue(now: Instant, leaseUntil: Instant, limit: number): Promise<QueuedSend[]> {
    return this.claimTx.immediate(now, leaseUntil, limit); // IMMEDIATE: a second dispatcher process waits instead of claiming the same rows
  }

  async markSent(id: string, at: Instant): Promise<void> {
    this.updateSent.run(at, id);
  }

  /** A batch's decisions and the unsent lines of the events it records in one commit, for a log in this same file. */
  decisionJournal(log: SqliteNotificationLog): DecisionJournal {
    if (log.db !== this.db) throw new Error('the notification log must live in the inbox file to commit with it');
    const recordTx = this.db.transaction((batch: readonly EventDecisions[]): boolean[] => {
      const recorded = this.recordAll(batch);
      log.insertAll(batch.filter((_, i) => recorded[i]).flatMap(unsentLinesOf));
      return recorded;
    });
    return { record: async (batch) => recordTx.immediate(batch) };
  }

  /** A delivered send's attempt lines and its mark in one commit, for an attempt log in this same file. */
  sentJournal(log: SqliteNotificationLog): SentJournal {
    if (log.db !== this.db) throw new Error('the attempt log must live in the outbox file to commit with it');
    const sentTx = this.db.transaction((id: string, at: Instant, lines: Parameters<SentJournal['sent']>[2]) => {
      log.insertAll(lines);
      this.updateSent.run(at, id);
    });
    return { sent: async (id, at, lines) => void sentTx.immediate(id, at, lines) };
  }

  async drop(id: string): Promise<void> {
    this.supersede.run(id);
  }

  async reschedule(id: string, attempts: number, nextAttemptAt: Instant, error: string, heldFrom?: Instant): Promise<void> {
    this.updateRetry.run(attempts, nextAttemptAt, error, heldFrom ?? null, id);
  }

  async releaseQuietHolds(customerId: string, now: Instant): Promise<number> {
    return this.releaseHeld.run(now, customerId, now).changes;
  }

  async deadLetter(id: string, reason: string, attempts: number, at: Instant): Promise<void> {
    this.updateDead.run(attempts, reason, at, id);
  }

  async deadLetters(): Promise<DeadLetter[]> {
    return this.selectDead.all().map((r) => ({
      notificationId: r.notification_id,
      orderId: r.order_id,
      customerId: r.customer_id,
      kind: (JSON.parse(r.send) as SendNotification).kind,
      reason: r.dead_reason,
      attempts: r.attempts,
      at: r.dead_at,
    }));
  }

  /** Sends waiting (due or not) and dead letters, for the metrics. */
  async backlog(): Promise<{ pending: number; dead: number }> {
    const { pending, dead } = this.countBacklog.get()!;
    return { pending, dead };
  }

  async redrive(id: string, now: Instant): Promise<boolean> {
    return this.updateRedrive.run(now, id).changes > 0;
  }
}
