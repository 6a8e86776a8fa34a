import { deserialize } from 'node:v8';
import type { EtaProjectionState, EtaView, EtaViewChanges, EtaViewStore, ViewCommitListener } from '@ot/application';
import type { Migration, PostgresDatabase } from '@ot/sql';
import { openPostgresView, type PostgresViewCommits } from '../postgres.view-commits';
import { changedIds } from './eta-view.changes';
import { ETA_STATE_CHUNK_ENTRIES, StateAssembler, stateChunks } from './eta-state.chunks';

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
  {
    version: 3,
    name: 'ETA projection state in chunks (one bytea is capped at 1 GB)',
    up: `CREATE TABLE eta_state_head (id integer PRIMARY KEY CHECK (id = 1), generation bigint NOT NULL, position bigint NOT NULL, chunks integer NOT NULL);
         CREATE TABLE eta_state_chunk (generation bigint NOT NULL, seq integer NOT NULL, data bytea NOT NULL, PRIMARY KEY (generation, seq));`,
  },
];

/** Chunks fetched per query when a state is read back: a bounded slice of it in memory at a time. */
const CHUNKS_PER_READ = 8;

export type PostgresEtaViewStoreOptions = Readonly<{ stateChunkEntries?: number }>;

/** ETA documents and their checkpoint in the shared PostgreSQL schema; as the SQLite twin, a rebuildable view. */
export class PostgresEtaViewStore implements EtaViewStore {
  private constructor(
    private readonly db: PostgresDatabase,
    private readonly commits: PostgresViewCommits,
    private readonly stateChunkEntries: number,
  ) {}

  static async open(db: PostgresDatabase, { stateChunkEntries = ETA_STATE_CHUNK_ENTRIES }: PostgresEtaViewStoreOptions = {}): Promise<PostgresEtaViewStore> {
    return new PostgresEtaViewStore(db, await openPostgresView(db, 'eta_view', ETA_POSTGRES_MIGRATIONS), stateChunkEntries);
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

  /** One transaction; the head's upsert comes first so it row-locks: a second saver waits, then takes the next generation. */
  async saveState(state: EtaProjectionState, position: number): Promise<void> {
    await this.db.transaction(async (client) => {
      const { rows } = await client.query<{ generation: string }>(
        `INSERT INTO eta_state_head (id, generation, position, chunks) VALUES (1, 1, $1, 0)
         ON CONFLICT (id) DO UPDATE SET generation = eta_state_head.generation + 1, position = excluded.position
         RETURNING generation`,
        [position],
      );
      const generation = rows[0].generation;
      await client.query('DELETE FROM eta_state_chunk WHERE generation <> $1', [generation]);
      let seq = 0;
      for (const data of stateChunks(state, this.stateChunkEntries)) {
        await client.query('INSERT INTO eta_state_chunk (generation, seq, data) VALUES ($1, $2, $3)', [generation, seq++, data]);
      }
      await client.query('UPDATE eta_state_head SET chunks = $1 WHERE id = 1', [seq]);
      await client.query('DELETE FROM eta_state');
    });
  }

  /** Head and chunks in one snapshot (REPEATABLE READ): a save committing meanwhile is not half seen. */
  async loadState(): Promise<{ state: EtaProjectionState; position: number } | undefined> {
    return this.db.transaction(async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const [head] = (
        await client.query<{ generation: string; position: string; chunks: number }>('SELECT generation, position, chunks FROM eta_state_head WHERE id = 1')
      ).rows;
      if (!head) {
        const [old] = (await client.query<{ position: string; state: Buffer }>('SELECT position, state FROM eta_state WHERE id = 1')).rows; // saved as one value before v3
        return old && { state: deserialize(old.state) as EtaProjectionState, position: Number(old.position) };
      }
      const assembler = new StateAssembler();
      for (let from = 0; from < head.chunks; from += CHUNKS_PER_READ) {
        const { rows } = await client.query<{ data: Buffer }>(
          'SELECT data FROM eta_state_chunk WHERE generation = $1 AND seq >= $2 AND seq < $3 ORDER BY seq',
          [head.generation, from, from + CHUNKS_PER_READ],
        );
        if (rows.length !== Math.min(CHUNKS_PER_READ, head.chunks - from)) throw new Error(`ETA state: chunks from ${from} missing`);
        for (const { data } of rows) assembler.add(data);
      }
      return { state: assembler.result(), position: Number(head.position) };
    });
  }

  async close(): Promise<void> {
    await this.commits.stop();
  }
}
