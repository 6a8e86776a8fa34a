import { Pool, type PoolClient, type QueryResultRow } from 'pg';
import { postgresUnreachable } from './postgres.unreachable';

export type PostgresDatabaseOptions = {
  connectionString: string;
  /** Lower-case SQL identifier; every table of the stores on this handle lives there. Defaults to public. */
  schema?: string;
  poolSize?: number;
};

/**
 * One pool for the state stores of a process (read models, checkpoints, the notifier's state), bound
 * to one schema through search_path, so the stores' SQL names no schema and tests can use a fresh one.
 */
export class PostgresDatabase {
  private closed = false;

  private constructor(
    readonly pool: Pool,
    readonly schema: string,
    /** For connections of their own (LISTEN). */
    readonly connectionString: string,
  ) {}

  /** Creates the schema if it is missing; tables are the stores' migrations' business. */
  static async connect({ connectionString, schema = 'public', poolSize = 5 }: PostgresDatabaseOptions): Promise<PostgresDatabase> {
    if (!/^[a-z_][a-z0-9_]{0,40}$/.test(schema)) throw new Error(`invalid schema name ${JSON.stringify(schema)}`);
    const pool = new Pool({ connectionString, max: poolSize, options: `-c search_path="${schema}"` });
    pool.on('error', () => undefined); // an idle client dropped by the server: the next query reconnects
    const db = new PostgresDatabase(pool, schema, connectionString);
    try {
      await db.pool.query('SELECT 1');
    } catch (error) {
      await pool.end();
      throw postgresUnreachable(connectionString, error);
    }
    await db.pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`).catch(async (error: unknown) => {
      // two processes creating it at once: one loses the catalog race, and the schema is there all the same
      if ((await db.pool.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rowCount !== 1) throw error;
    });
    return db;
  }

  async query<R extends QueryResultRow>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return (await this.pool.query<R>(sql, params as unknown[])).rows;
  }

  /** Runs `work` in one transaction on one connection: committed if it resolves, rolled back if it throws. */
  async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Idempotent: several stores may share this handle and each may close it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
