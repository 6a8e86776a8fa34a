import type { Pool } from 'pg';
import type { AppendOutcome, PendingAppend } from '../shared/group-commit.queue';
import { versionConflict } from '../shared/version-conflict';
import type { PostgresNames } from './postgres.schema';

/**
 * Commits a group of appends with one statement, its own transaction: the append_events function
 * locks the position counter, checks each append against its stream's row, inserts the accepted
 * events and sends one NOTIFY on commit; a conflicting append is simply left out. If the statement
 * fails for any other reason (bad data, lost connection), each append is retried alone so only the
 * culprit fails; a retry after an ambiguous commit is caught by its own version check.
 */
export async function commitGroupToPostgres(pool: Pool, names: PostgresNames, group: PendingAppend[]): Promise<AppendOutcome[]> {
  try {
    return await appendInOneStatement(pool, names, group);
  } catch (error) {
    if (group.length === 1) return [asError(error)];
    const outcomes: AppendOutcome[] = [];
    for (const append of group) outcomes.push(...(await commitGroupToPostgres(pool, names, [append])));
    return outcomes;
  }
}

async function appendInOneStatement(pool: Pool, names: PostgresNames, group: PendingAppend[]): Promise<AppendOutcome[]> {
  const events = group.flatMap((a) => a.events);
  const { rows } = await pool.query<{ o_actual: number; o_position: string | null }>({
    name: `${names.statement}_append`,
    text: `SELECT o_actual, o_position FROM ${names.appendEvents}($1::text[], $2::int[], $3::int[], $4::text[], $5::jsonb[], $6::jsonb[], $7)`,
    values: [
      group.map((a) => a.streamId),
      group.map((a) => a.expectedVersion),
      group.map((a) => a.events.length),
      events.map((e) => e.type),
      events.map((e) => JSON.stringify(e.data)),
      events.map((e) => (e.metadata === undefined ? null : JSON.stringify(e.metadata))),
      new Date().toISOString(),
    ],
  });
  return group.map(({ streamId, events, expectedVersion }, i) => {
    const { o_actual: actual, o_position: position } = rows[i];
    if (position === null) return versionConflict(streamId, expectedVersion, actual);
    return { nextVersion: actual + events.length, lastPosition: Number(position) };
  });
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));
