/** Table, function and channel names for one schema; the name is checked, then quoted, because it is spliced into SQL. */
export function postgresNames(schema: string) {
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(schema)) throw new Error(`invalid schema name ${JSON.stringify(schema)}`);
  return {
    schema: `"${schema}"`,
    events: `"${schema}".events`,
    positions: `"${schema}".event_positions`,
    streams: `"${schema}".event_streams`,
    migrations: `"${schema}".event_store_migrations`,
    appendEvents: `"${schema}".append_events`,
    channel: `ot_events_${schema}`,
    /** Prefix of prepared-statement names: a connection may serve stores of several schemas. */
    statement: `ot_${schema}`,
  };
}
export type PostgresNames = ReturnType<typeof postgresNames>;

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
