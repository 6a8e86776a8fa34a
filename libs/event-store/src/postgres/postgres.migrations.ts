import type { Pool } from 'pg';
import type { PostgresNames } from './postgres.schema';

type Migration = { version: number; name: string; sql: (n: PostgresNames) => string };

/**
 * Numbered schema changes, applied in order once per schema and recorded in event_store_migrations.
 * Append only: a released migration is never edited, a change is a new number.
 */
export const POSTGRES_EVENT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events and the position counter',
    // IF NOT EXISTS: schemas created before this table existed already have both
    // event_positions is a one-row counter: an append locks it until commit, so positions are handed
    // out in commit order and a reader never sees n+1 before n (a bigserial could commit n+1 first).
    sql: (n) => `
      CREATE TABLE IF NOT EXISTS ${n.events} (
        global_position bigint      PRIMARY KEY,
        stream_id       text        NOT NULL,
        stream_version  integer     NOT NULL,
        type            text        NOT NULL,
        data            jsonb       NOT NULL,
        metadata        jsonb,
        recorded_at     timestamptz NOT NULL,
        UNIQUE (stream_id, stream_version)
      );
      CREATE TABLE IF NOT EXISTS ${n.positions} (id int PRIMARY KEY CHECK (id = 1), last_position bigint NOT NULL);
      INSERT INTO ${n.positions} VALUES (1, 0) ON CONFLICT (id) DO NOTHING;`,
  },
  {
    version: 2,
    name: 'current version per stream',
    // one row per stream, so the version check of an append reads one row however long the stream is
    sql: (n) => `
      CREATE TABLE ${n.streams} (stream_id text PRIMARY KEY, version integer NOT NULL);
      INSERT INTO ${n.streams} SELECT stream_id, max(stream_version) FROM ${n.events} GROUP BY stream_id;`,
  },
  {
    version: 3,
    name: 'append a group in one statement',
    sql: (n) => `
      CREATE FUNCTION ${n.appendEvents}(
        p_streams text[], p_expected integer[], p_counts integer[],
        p_types text[], p_data jsonb[], p_metadata jsonb[], p_recorded_at timestamptz
      ) RETURNS TABLE (o_actual integer, o_position bigint) LANGUAGE plpgsql AS $fn$
      DECLARE
        v_start bigint;
        v_position bigint;
        v_actual integer;
        v_event integer := 0;
        v_total integer := coalesce(array_length(p_types, 1), 0);
        -- one slot per event of the group, NULL for the events of a conflicting append
        v_positions bigint[] := array_fill(NULL::bigint, ARRAY[v_total]);
        v_stream_ids text[] := array_fill(NULL::text, ARRAY[v_total]);
        v_versions integer[] := array_fill(NULL::integer, ARRAY[v_total]);
      BEGIN
        -- reserve a position for every event and hold the counter row's lock until commit; what a
        -- conflicting append leaves unused is given back below, before anyone else can see it
        UPDATE ${n.positions} c SET last_position = c.last_position + v_total WHERE c.id = 1
          RETURNING c.last_position - v_total INTO v_start;
        v_position := v_start;
        FOR i IN 1 .. coalesce(array_length(p_streams, 1), 0) LOOP
          v_actual := coalesce((SELECT s.version FROM ${n.streams} s WHERE s.stream_id = p_streams[i]), 0);
          IF v_actual <> p_expected[i] THEN
            o_actual := v_actual; o_position := NULL;       -- a conflict: its events stay out
          ELSE
            FOR j IN 1 .. p_counts[i] LOOP
              v_position := v_position + 1;
              v_positions[v_event + j] := v_position;
              v_stream_ids[v_event + j] := p_streams[i];
              v_versions[v_event + j] := v_actual + j;
            END LOOP;
            IF p_counts[i] > 0 AND v_actual = 0 THEN
              INSERT INTO ${n.streams} VALUES (p_streams[i], p_counts[i]);
            ELSIF p_counts[i] > 0 THEN
              UPDATE ${n.streams} SET version = v_actual + p_counts[i] WHERE stream_id = p_streams[i];
            END IF;
            o_actual := v_actual; o_position := v_position;
          END IF;
          v_event := v_event + p_counts[i];
          RETURN NEXT;
        END LOOP;
        IF v_position <> v_start + v_total THEN
          UPDATE ${n.positions} SET last_position = v_position WHERE id = 1;
        END IF;
        IF v_position > v_start THEN
          INSERT INTO ${n.events} (global_position, stream_id, stream_version, type, data, metadata, recorded_at)
          SELECT e.p, e.s, e.v, e.t, e.d, e.m, p_recorded_at
          FROM unnest(v_positions, v_stream_ids, v_versions, p_types, p_data, p_metadata) AS e(p, s, v, t, d, m)
          WHERE e.p IS NOT NULL;
          PERFORM pg_notify('${n.channel}', v_position::text);
        END IF;
      END
      $fn$;`,
  },
  {
    version: 4,
    name: 'append: the version check is the stream row write',
    // Same contract, one statement fewer per append: the check and the move of a stream's version
    // are one conditional UPDATE (or, for a new stream, one INSERT ... ON CONFLICT DO NOTHING); the
    // row is read only to report a conflict. A new stream racing another writer's is now a
    // conflict answer rather than a unique violation that failed the whole group.
    sql: (n) => `
      CREATE OR REPLACE FUNCTION ${n.appendEvents}(
        p_streams text[], p_expected integer[], p_counts integer[],
        p_types text[], p_data jsonb[], p_metadata jsonb[], p_recorded_at timestamptz
      ) RETURNS TABLE (o_actual integer, o_position bigint) LANGUAGE plpgsql AS $fn$
      DECLARE
        v_start bigint;
        v_position bigint;
        v_accepted boolean;
        v_event integer := 0;
        v_total integer := coalesce(array_length(p_types, 1), 0);
        -- one slot per event of the group, NULL for the events of a conflicting append
        v_positions bigint[] := array_fill(NULL::bigint, ARRAY[v_total]);
        v_stream_ids text[] := array_fill(NULL::text, ARRAY[v_total]);
        v_versions integer[] := array_fill(NULL::integer, ARRAY[v_total]);
      BEGIN
        -- reserve a position for every event and hold the counter row's lock until commit; what a
        -- conflicting append leaves unused is given back below, before anyone else can see it
        UPDATE ${n.positions} c SET last_position = c.last_position + v_total WHERE c.id = 1
          RETURNING c.last_position - v_total INTO v_start;
        v_position := v_start;
        FOR i IN 1 .. coalesce(array_length(p_streams, 1), 0) LOOP
          IF p_counts[i] = 0 THEN
            v_accepted := coalesce((SELECT s.version FROM ${n.streams} s WHERE s.stream_id = p_streams[i]), 0) = p_expected[i];
          ELSIF p_expected[i] = 0 THEN
            INSERT INTO ${n.streams} VALUES (p_streams[i], p_counts[i]) ON CONFLICT (stream_id) DO NOTHING;
            v_accepted := FOUND;
          ELSE
            UPDATE ${n.streams} SET version = version + p_counts[i] WHERE stream_id = p_streams[i] AND version = p_expected[i];
            v_accepted := FOUND;
          END IF;
          IF v_accepted THEN
            FOR j IN 1 .. p_counts[i] LOOP
              v_position := v_position + 1;
              v_positions[v_event + j] := v_position;
              v_stream_ids[v_event + j] := p_streams[i];
              v_versions[v_event + j] := p_expected[i] + j;
            END LOOP;
            o_actual := p_expected[i]; o_position := v_position;
          ELSE
            o_actual := coalesce((SELECT s.version FROM ${n.streams} s WHERE s.stream_id = p_streams[i]), 0);
            o_position := NULL;                            -- a conflict: its events stay out
          END IF;
          v_event := v_event + p_counts[i];
          RETURN NEXT;
        END LOOP;
        IF v_position <> v_start + v_total THEN
          UPDATE ${n.positions} SET last_position = v_position WHERE id = 1;
        END IF;
        IF v_position > v_start THEN
          INSERT INTO ${n.events} (global_position, stream_id, stream_version, type, data, metadata, recorded_at)
          SELECT e.p, e.s, e.v, e.t, e.d, e.m, p_recorded_at
          FROM unnest(v_positions, v_stream_ids, v_versions, p_types, p_data, p_metadata) AS e(p, s, v, t, d, m)
          WHERE e.p IS NOT NULL;
          PERFORM pg_notify('${n.channel}', v_position::text);
        END IF;
      END
      $fn$;`,
  },
];

/**
 * Brings a schema up to the latest migration. One transaction under an advisory lock, so processes
 * starting together neither race on the catalog nor apply a migration twice.
 */
export async function migratePostgresEventSchema(pool: Pool, names: PostgresNames, migrations = POSTGRES_EVENT_MIGRATIONS): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [names.schema]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${names.schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${names.migrations} (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ v: number | null }>(`SELECT max(version) AS v FROM ${names.migrations}`);
    let version = rows[0].v ?? 0;
    for (const m of migrations.filter((m) => m.version > version)) {
      await client.query(m.sql(names));
      await client.query(`INSERT INTO ${names.migrations} (version, name) VALUES ($1, $2)`, [m.version, m.name]);
      version = m.version;
    }
    await client.query('COMMIT');
    return version;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
