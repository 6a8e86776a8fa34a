import type { Migration } from '@ot/sql';

/** The checkpoint table, the same SQL on SQLite and PostgreSQL. */
export const CHECKPOINT_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'relay checkpoints', up: 'CREATE TABLE IF NOT EXISTS relay_checkpoints (name TEXT PRIMARY KEY, position BIGINT NOT NULL)' },
];
