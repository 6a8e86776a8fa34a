import type { AttemptOutcome, NewDelivery, OutboundDelivery, PartnerOutboxStore } from '@ot/application';
import { migrateSqlite, SqliteCheckpointAnchoring } from '@ot/sql';
import Database from 'better-sqlite3';
import { PARTNER_OUTBOX_MIGRATIONS } from './partner-outbox.migrations';
import { deliveryOf, type PartnerOutboxRow } from './partner-outbox.row';

/** The outbox in a SQLite file of its own (':memory:' beside an in-memory log); one process drains it. */
export class SqlitePartnerOutboxStore implements PartnerOutboxStore {
  private readonly db: Database.Database;
  private readonly selectCheckpoint: Database.Statement<[], { position: number }>;
  private readonly enqueueTx: (deliveries: readonly NewDelivery[], checkpoint: number) => void;
  private readonly claim: Database.Statement<[string, string, number], PartnerOutboxRow>;
  private readonly recordOne: Database.Statement<[state: string, error: string | null, next: string | null, deliveredAt: string | null, deliveryId: string]>;
  private readonly selectOne: Database.Statement<[string], PartnerOutboxRow>;
  private readonly selectDead: Database.Statement<[number], PartnerOutboxRow>;
  private readonly redriveOne: Database.Statement<[string, string]>;
  readonly anchoring: SqliteCheckpointAnchoring;
  /** The checkpoint as last read, forgotten on every write of it: one process drains the file, so only its writes move it. */
  private position?: number;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    migrateSqlite(this.db, PARTNER_OUTBOX_MIGRATIONS);
    this.selectCheckpoint = this.db.prepare('SELECT position FROM partner_outbox_checkpoint WHERE id = 1');
    const insert = this.db.prepare(
      `INSERT INTO partner_outbox (delivery_id, order_id, partner, body, created_at, state, next_attempt_at)
       VALUES (?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT (delivery_id) DO NOTHING`,
    );
    const move = this.db.prepare(
      `INSERT INTO partner_outbox_checkpoint (id, position) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET position = max(position, excluded.position)`,
    );
    this.enqueueTx = this.db.transaction((deliveries: readonly NewDelivery[], checkpoint: number) => {
      for (const d of deliveries) insert.run(d.deliveryId, d.orderId, d.partner, d.body, d.createdAt, d.createdAt);
      move.run(checkpoint);
    });
    this.claim = this.db.prepare(
      `UPDATE partner_outbox SET next_attempt_at = ? WHERE delivery_id IN (
         SELECT delivery_id FROM partner_outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?)
       RETURNING *`,
    );
    this.recordOne = this.db.prepare(
      `UPDATE partner_outbox SET attempts = attempts + 1, state = ?, last_error = coalesce(?, last_error),
         next_attempt_at = coalesce(?, next_attempt_at), delivered_at = ? WHERE delivery_id = ?`,
    );
    this.selectOne = this.db.prepare('SELECT * FROM partner_outbox WHERE delivery_id = ?');
    this.selectDead = this.db.prepare(`SELECT * FROM partner_outbox WHERE state = 'dead' ORDER BY created_at, delivery_id LIMIT ?`);
    this.anchoring = new SqliteCheckpointAnchoring(this.db, () => {
      this.db.exec('DELETE FROM partner_outbox; DELETE FROM partner_outbox_checkpoint;');
      this.position = undefined;
    });
    this.redriveOne = this.db.prepare(
      `UPDATE partner_outbox SET state = 'pending', attempts = 0, next_attempt_at = ? WHERE delivery_id = ? AND state = 'dead'`,
    );
  }

  /** Asked after every page until the first save anchors it (followProjection), so it is read once, not per page. */
  async checkpoint(): Promise<number> {
    return (this.position ??= this.selectCheckpoint.get()?.position ?? 0);
  }

  async enqueue(deliveries: readonly NewDelivery[], checkpoint: number): Promise<void> {
    this.position = undefined;
    this.enqueueTx(deliveries, checkpoint);
  }

  async claimDue(now: string, leaseUntil: string, limit: number): Promise<OutboundDelivery[]> {
    return this.claim.all(leaseUntil, now, limit).map(deliveryOf);
  }

  async recordAttempt(deliveryId: string, outcome: AttemptOutcome): Promise<void> {
    const error = outcome.state === 'delivered' ? null : outcome.error;
    const next = outcome.state === 'pending' ? outcome.nextAttemptAt : null;
    const deliveredAt = outcome.state === 'delivered' ? outcome.at : null;
    this.recordOne.run(outcome.state, error, next, deliveredAt, deliveryId);
  }

  async get(deliveryId: string): Promise<OutboundDelivery | undefined> {
    const row = this.selectOne.get(deliveryId);
    return row && deliveryOf(row);
  }

  async deadLetters(limit: number): Promise<OutboundDelivery[]> {
    return this.selectDead.all(limit).map(deliveryOf);
  }

  async redrive(deliveryId: string, now: string): Promise<boolean> {
    return this.redriveOne.run(now, deliveryId).changes === 1;
  }

  close(): void {
    this.db.close();
  }
}
