import type { AppendResult } from '@ot/application';
import type { Pool, PoolClient } from 'pg';
import type { AppendOutcome, PendingAppend } from '../shared/group-commit.queue';
import { versionConflict } from '../shared/version-conflict';
import type { PostgresNames } from './postgres.schema';

/**
 * Commits a group of appends in one transaction: one lock on the position counter, one version
 * query, one multi-row insert, one NOTIFY (sent on commit). Version checks happen in memory against
 * the locked state, so a conflicting append is simply left out. If the transaction fails for any
 * other reason (bad data, lost connection), each append is retried alone so only the culprit fails;
 * a retry after an ambiguous commit is caught by its own version check.
 */
export async function commitGroupToPostgres(pool: Pool, names: PostgresNames, group: PendingAppend[]): Promise<AppendOutcome[]> {
  try {
    return await inOneTransaction(pool, names, group);
  } catch (error) {
    if (group.length === 1) return [asError(error)];
    const outcomes: AppendOutcome[] = [];
    for (const append of group) outcomes.push(...(await commitGroupToPostgres(pool, names, [append])));
    return outcomes;
  }
}

async function inOneTransaction(pool: Pool, names: PostgresNames, group: PendingAppend[]): Promise<AppendOutcome[]> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const counter = await client.query<{ last: string }>(`SELECT last_position AS last FROM ${names.positions} WHERE id = 1 FOR UPDATE`);
    let position = Number(counter.rows[0].last);
    const versions = await currentVersions(client, names, group);
    const rows = { position: [] as number[], stream: [] as string[], version: [] as number[], type: [] as string[], data: [] as string[], metadata: [] as (string | null)[] };
    const outcomes = group.map(({ streamId, events, expectedVersion }): AppendOutcome => {
      const actual = versions.get(streamId) ?? 0;
      if (actual !== expectedVersion) return versionConflict(streamId, expectedVersion, actual);
      events.forEach((e, i) => {
        rows.position.push(++position);
        rows.stream.push(streamId);
        rows.version.push(actual + i + 1);
        rows.type.push(e.type);
        rows.data.push(JSON.stringify(e.data));
        rows.metadata.push(e.metadata === undefined ? null : JSON.stringify(e.metadata));
      });
      versions.set(streamId, actual + events.length); // a later append in this group sees this one
      return { nextVersion: actual + events.length, lastPosition: position } satisfies AppendResult;
    });
    if (rows.position.length) {
      await client.query(
        `INSERT INTO ${names.events} (global_position, stream_id, stream_version, type, data, metadata, recorded_at)
         SELECT p, s, v, t, d, m, $7 FROM unnest($1::bigint[], $2::text[], $3::int[], $4::text[], $5::jsonb[], $6::jsonb[]) AS u(p, s, v, t, d, m)`,
        [rows.position, rows.stream, rows.version, rows.type, rows.data, rows.metadata, new Date().toISOString()],
      );
      await client.query(`UPDATE ${names.positions} SET last_position = $1 WHERE id = 1`, [position]);
      await client.query('SELECT pg_notify($1, $2)', [names.channel, String(position)]);
    }
    await client.query('COMMIT');
    return outcomes;
  } catch (error) {
    // if even ROLLBACK fails the connection is unusable: release(error) makes the pool drop it
    await client.query('ROLLBACK').catch((e: unknown) => (broken = asError(e)));
    throw error;
  } finally {
    client.release(broken);
  }
}

async function currentVersions(client: PoolClient, names: PostgresNames, group: PendingAppend[]): Promise<Map<string, number>> {
  const streamIds = [...new Set(group.map((a) => a.streamId))];
  const { rows } = await client.query<{ stream_id: string; v: number }>(
    `SELECT stream_id, max(stream_version) AS v FROM ${names.events} WHERE stream_id = ANY($1::text[]) GROUP BY stream_id`,
    [streamIds],
  );
  return new Map(rows.map((r) => [r.stream_id, r.v]));
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));
