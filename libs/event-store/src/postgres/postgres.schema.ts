import type { Pool } from 'pg';

/** Table and channel names for one schema; the name is checked, then quoted, because it is spliced into SQL. */
export function postgresNames(schema: string) {
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(schema)) throw new Error(`invalid schema name ${JSON.stringify(schema)}`);
  return {
    schema: `"${schema}"`,
    events: `"${schema}".events`,
    positions: `"${schema}".event_positions`,
    channel: `ot_events_${schema}`,
  };
}
export type PostgresNames = ReturnType<typeof postgresNames>;

/**
 * Creates the schema once. event_positions is a one-row counter: an append locks it for the rest
 * of its transaction, so positions are handed out in commit order and a reader never sees n+1 before n
 * (a bigserial would let a later position commit first, and a reader past it would skip the earlier one).
 */
export async function createPostgresEventSchema(pool: Pool, names: PostgresNames): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // two processes creating the same schema at once would race on the catalog
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [names.schema]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${names.schema}`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${names.events} (
        global_position bigint      PRIMARY KEY,
        stream_id       text        NOT NULL,
        stream_version  integer     NOT NULL,
        type            text        NOT NULL,
        data            jsonb       NOT NULL,
        metadata        jsonb,
        recorded_at     timestamptz NOT NULL,
        UNIQUE (stream_id, stream_version)
      )`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${names.positions} (id int PRIMARY KEY CHECK (id = 1), last_position bigint NOT NULL)`);
    await client.query(`INSERT INTO ${names.positions} VALUES (1, 0) ON CONFLICT (id) DO NOTHING`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

export type PostgresEventRow = {
  global_position: string;
  stream_id: string;
  stream_version: number;
  type: string;
  data: unknown;
  metadata: Record<string, unknown> | null;
  recorded_at: Date;
};

export const POSTGRES_EVENT_COLUMNS = 'global_position, stream_id, stream_version, type, data, metadata, recorded_at';
