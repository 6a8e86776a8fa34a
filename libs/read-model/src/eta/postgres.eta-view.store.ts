import { deserialize, serialize } from 'node:v8';
import type { EtaProjectionState, EtaView, EtaViewChanges, EtaViewStore, ViewCommitListener } from '@ot/application';
import type { Migration, PostgresDatabase } from '@ot/sql';
import { openPostgresView, type PostgresViewCommits } from '../postgres.view-commits';
import { changedIds } from './eta-view.changes';

/** Documents are text, not jsonb: json() must hand back exactly JSON.stringify(view). */
export const ETA_POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'ETA documents and checkpoint',
    up: `CREATE TABLE eta_view (order_id text PRIMARY KEY, doc text NOT NULL);
         CREATE TABLE eta_checkpoint (id integer PRIMARY KEY CHECK (id = 1), position bigint NOT NULL);`,
  },
  {
    version: 2,
    name: 'ETA projection state (learner and open orders)',
    up: `CREATE TABLE eta_state (id integer PRIMARY KEY CHECK (id = 1), position bigint NOT NULL, state bytea NOT NULL);`,
  },
];

/** ETA documents and their checkpoint in the shared PostgreSQL schema; as the SQLite twin, a rebuildable view. */
export class PostgresEtaViewStore implements EtaViewStore {
  private constructor(
    private readonly db: PostgresDatabase,
    private readonly commits: PostgresViewCommits,
  ) {}

  static async open(db: PostgresDatabase): Promise<PostgresEtaViewStore> {
    return new PostgresEtaViewStore(db, await openPostgresView(db, 'eta_view', ETA_POSTGRES_MIGRATIONS));
  }

  async get(orderId: string): Promise<EtaView | undefined> {
    const json = await this.json(orderId);
    return json === undefined ? undefined : (JSON.parse(json) as EtaView);
  }

  async json(orderId: string): Promise<string | undefined> {
    const [row] = await this.db.query<{ doc: string }>('SELECT doc FROM eta_view WHERE order_id = $1', [orderId]);
    return row?.doc;
  }

  async commit(changes: EtaViewChanges, checkpoint: number): Promise<void> {
    const upserts = [...new Map(changes.upserts.map((d) => [d.orderId, d])).values()]; // one row may be upserted once per statement
    const ids = changedIds(changes);
    await this.db.transaction(async (client) => {
      // removals after upserts, as the SQLite twin applies them
      await client.query(
        `INSERT INTO eta_view (order_id, doc) SELECT * FROM unnest($1::text[], $2::text[])
         ON CONFLICT (order_id) DO UPDATE SET doc = excluded.doc`,
        [upserts.map((d) => d.orderId), upserts.map((d) => JSON.stringify(d))],
      );
      await client.query('DELETE FROM eta_view WHERE order_id = ANY($1::text[])', [changes.removals]);
      // forward only: a slower second writer on the schema never moves it back
      await client.query(
        `INSERT INTO eta_checkpoint (id, position) VALUES (1, $1)
         ON CONFLICT (id) DO UPDATE SET position = GREATEST(eta_checkpoint.position, excluded.position)`,
        [checkpoint],
      );
      await this.commits.announce(client, ids);
    });
    this.commits.committed(ids);
  }

  onCommit(listener: ViewCommitListener): () => void {
    return this.commits.add(listener);
  }

  async checkpoint(): Promise<number> {
    const [row] = await this.db.query<{ position: string }>('SELECT position FROM eta_checkpoint WHERE id = 1');
    return row ? Number(row.position) : 0;
  }

  /** Byte order, as SQLite sorts text. */
  async all(): Promise<EtaView[]> {
    return (await this.db.query<{ doc: string }>('SELECT doc FROM eta_view ORDER BY order_id COLLATE "C"')).map((r) => JSON.parse(r.doc) as EtaView);
  }

  async saveState(state: EtaProjectionState, position: number): Promise<void> {
    await this.db.query(
      `INSERT INTO eta_state (id, position, state) VALUES (1, $1, $2)
       ON CONFLICT (id) DO UPDATE SET position = excluded.position, state = excluded.state`,
      [position, serialize(state)],
    );
  }

  async loadState(): Promise<{ state: EtaProjectionState; position: number } | undefined> {
    const [row] = await this.db.query<{ position: string; state: Buffer }>('SELECT position, state FROM eta_state WHERE id = 1');
    return row && { state: deserialize(row.state) as EtaProjectionState, position: Number(row.position) };
  }

  async close(): Promise<void> {
    await this.commits.stop();
  }
}
