import type { AttemptOutcome, NewDelivery, OutboundDelivery, PartnerOutboxStore } from '@ot/application';
import { migratePostgres, type PostgresDatabase } from '@ot/sql';
import { PARTNER_OUTBOX_MIGRATIONS } from './partner-outbox.migrations';
import { deliveryOf, type PartnerOutboxRow } from './partner-outbox.row';

/**
 * The outbox in the shared PostgreSQL schema: every replica may feed it (a delivery id is queued once)
 * and drain it (SKIP LOCKED claims with a lease, so one delivery is with one dispatcher at a time).
 */
export class PostgresPartnerOutboxStore implements PartnerOutboxStore {
  private constructor(private readonly db: PostgresDatabase) {}

  static async open(db: PostgresDatabase): Promise<PostgresPartnerOutboxStore> {
    await migratePostgres(db, 'partner_outbox', PARTNER_OUTBOX_MIGRATIONS);
    return new PostgresPartnerOutboxStore(db);
  }

  async checkpoint(): Promise<number> {
    const [row] = await this.db.query<{ position: string }>('SELECT position FROM partner_outbox_checkpoint WHERE id = 1');
    return row ? Number(row.position) : 0;
  }

  async enqueue(deliveries: readonly NewDelivery[], checkpoint: number): Promise<void> {
    await this.db.transaction(async (client) => {
      for (const d of deliveries) {
        await client.query(
          `INSERT INTO partner_outbox (delivery_id, order_id, partner, body, created_at, state, next_attempt_at)
           VALUES ($1, $2, $3, $4, $5, 'pending', $5) ON CONFLICT (delivery_id) DO NOTHING`,
          [d.deliveryId, d.orderId, d.partner, d.body, d.createdAt],
        );
      }
      await client.query(
        `INSERT INTO partner_outbox_checkpoint (id, position) VALUES (1, $1)
         ON CONFLICT (id) DO UPDATE SET position = GREATEST(partner_outbox_checkpoint.position, excluded.position)`,
        [checkpoint],
      );
    });
  }

  async claimDue(now: string, leaseUntil: string, limit: number): Promise<OutboundDelivery[]> {
    const rows = await this.db.query<PartnerOutboxRow>(
      `UPDATE partner_outbox SET next_attempt_at = $1 WHERE delivery_id IN (
         SELECT delivery_id FROM partner_outbox WHERE state = 'pending' AND next_attempt_at <= $2
         ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [leaseUntil, now, limit],
    );
    return rows.map(deliveryOf);
  }

  async recordAttempt(deliveryId: string, outcome: AttemptOutcome): Promise<void> {
    const error = outcome.state === 'delivered' ? null : outcome.error;
    const next = outcome.state === 'pending' ? outcome.nextAttemptAt : null;
    const deliveredAt = outcome.state === 'delivered' ? outcome.at : null;
    await this.db.query(
      `UPDATE partner_outbox SET attempts = attempts + 1, state = $1, last_error = coalesce($2, last_error),
         next_attempt_at = coalesce($3, next_attempt_at), delivered_at = $4 WHERE delivery_id = $5`,
      [outcome.state, error, next, deliveredAt, deliveryId],
    );
  }

  async get(deliveryId: string): Promise<OutboundDelivery | undefined> {
    const [row] = await this.db.query<PartnerOutboxRow>('SELECT * FROM partner_outbox WHERE delivery_id = $1', [deliveryId]);
    return row && deliveryOf(row);
  }

  async deadLetters(limit: number): Promise<OutboundDelivery[]> {
    const rows = await this.db.query<PartnerOutboxRow>(`SELECT * FROM partner_outbox WHERE state = 'dead' ORDER BY created_at, delivery_id LIMIT $1`, [limit]);
    return rows.map(deliveryOf);
  }

  async redrive(deliveryId: string, now: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE partner_outbox SET state = 'pending', attempts = 0, next_attempt_at = $1 WHERE delivery_id = $2 AND state = 'dead' RETURNING delivery_id`,
      [now, deliveryId],
    );
    return rows.length === 1;
  }
}
