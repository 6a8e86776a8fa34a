import {
  ORDER_HEALTHS,
  type OrderHealth,
  orderHealthOf,
  type StatusView,
  type StatusViewStore,
  type StoredStatusView,
  type ViewCommitListener,
} from '@ot/application';
import type { Migration, PostgresDatabase } from '@ot/sql';
import { openPostgresView, type PostgresViewCommits } from '../postgres.view-commits';

/** Documents are text, not jsonb: stored() must hand back exactly JSON.stringify(view), keys in order. */
export const STATUS_POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'status documents and checkpoint',
    up: `CREATE TABLE status_view (order_id text PRIMARY KEY, doc text NOT NULL, version integer NOT NULL, customer_id text NOT NULL);
         CREATE TABLE status_checkpoint (id integer PRIMARY KEY CHECK (id = 1), position bigint NOT NULL);`,
  },
];

/**
 * Status documents and their checkpoint in the shared PostgreSQL schema, one transaction per commit,
 * read by every order-service replica. Unlike the SQLite twin it keeps no parsed cache: another
 * process may write the same documents after a rebalance.
 */
export class PostgresStatusViewStore implements StatusViewStore {
  private constructor(
    private readonly db: PostgresDatabase,
    private readonly commits: PostgresViewCommits,
  ) {}

  static async open(db: PostgresDatabase): Promise<PostgresStatusViewStore> {
    return new PostgresStatusViewStore(db, await openPostgresView(db, 'status_view', STATUS_POSTGRES_MIGRATIONS));
  }

  async get(orderId: string): Promise<StatusView | undefined> {
    const [row] = await this.db.query<{ doc: string }>('SELECT doc FROM status_view WHERE order_id = $1', [orderId]);
    return row && (JSON.parse(row.doc) as StatusView);
  }

  async stored(orderId: string): Promise<StoredStatusView | undefined> {
    const [row] = await this.db.query<{ doc: string; version: number; customer_id: string }>(
      'SELECT doc, version, customer_id FROM status_view WHERE order_id = $1',
      [orderId],
    );
    return row && { customerId: row.customer_id, version: row.version, json: row.doc };
  }

  /**
   * Several projectors may write one schema (replicas, or a partition's old and new owner): a document
   * only moves to a higher version and the checkpoint only forward, so a slower writer never undoes a faster one.
   */
  async commit(docs: readonly StatusView[], checkpoint: number): Promise<void> {
    const latest = [...new Map(docs.map((d) => [d.orderId, d])).values()]; // one row may be upserted once per statement
    const ids = latest.map((d) => d.orderId);
    await this.db.transaction(async (client) => {
      await client.query(
        `INSERT INTO status_view (order_id, doc, version, customer_id)
         SELECT * FROM unnest($1::text[], $2::text[], $3::integer[], $4::text[])
         ON CONFLICT (order_id) DO UPDATE SET doc = excluded.doc, version = excluded.version, customer_id = excluded.customer_id
         WHERE status_view.version < excluded.version`, // a slower projector's older fold never replaces a newer one
        [ids, latest.map((d) => JSON.stringify(d)), latest.map((d) => d.version), latest.map((d) => d.customerId)],
      );
      await client.query(
        `INSERT INTO status_checkpoint (id, position) VALUES (1, $1)
         ON CONFLICT (id) DO UPDATE SET position = GREATEST(status_checkpoint.position, excluded.position)`,
        [checkpoint],
      );
      await this.commits.announce(client, ids);
    });
    this.commits.committed(ids); // only after the transaction: a rolled-back write must not be served
  }

  onCommit(listener: ViewCommitListener): () => void {
    return this.commits.add(listener);
  }

  async checkpoint(): Promise<number> {
    const [row] = await this.db.query<{ position: string }>('SELECT position FROM status_checkpoint WHERE id = 1');
    return row ? Number(row.position) : 0;
  }

  /** Stops listening; the pool belongs to whoever opened the PostgresDatabase. */
  /** Scrape-time counts for /metrics: the delay facts of every document, read in the database. */
  async countByHealth(): Promise<Record<OrderHealth, number>> {
    const counts = Object.fromEntries(ORDER_HEALTHS.map((h) => [h, 0])) as Record<OrderHealth, number>;
    const rows = await this.db.query<{ status: StatusView['status']; delay: string }>(
      `SELECT doc::json->>'status' AS status, doc::json->>'delay' AS delay FROM status_view`,
    );
    for (const { status, delay } of rows) counts[orderHealthOf({ status, delay: JSON.parse(delay) } as StatusView)]++;
    return counts;
  }

  async close(): Promise<void> {
    await this.commits.stop();
  }
}
