import { checkNumbering, type Migration, newerThanKnown } from './migration';
import type { PostgresDatabase } from './postgres.database';

/**
 * Brings one store's tables up to its last migration. Several stores share a schema, so each has
 * its own line of versions in schema_migrations, keyed by `store`. An advisory lock per schema makes
 * two processes starting at once migrate one after the other.
 */
export async function migratePostgres(db: PostgresDatabase, store: string, migrations: readonly Migration[]): Promise<number> {
  const latest = checkNumbering(migrations);
  await db.transaction(async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrations:${db.schema}`]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      store text NOT NULL, version integer NOT NULL, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (store, version))`);
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations WHERE store = $1', [store]);
    const current = rows[0].v ?? 0;
    if (current > latest) throw newerThanKnown(`${db.schema}.${store}`, current, latest);
    for (const m of migrations.slice(current)) {
      await client.query(m.up);
      await client.query('INSERT INTO schema_migrations (store, version, name) VALUES ($1, $2, $3)', [store, m.version, m.name]);
    }
  });
  return latest;
}
