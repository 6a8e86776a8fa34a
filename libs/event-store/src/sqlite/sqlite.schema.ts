import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Opens (and if needed creates) the event file. WAL lets readers run beside the writer;
 * synchronous=FULL fsyncs the WAL on every commit, so an acknowledged append survives kill -9
 * and power loss. busy_timeout makes a second process wait for the write lock instead of failing.
 */
export function openSqliteEventFile(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      global_position INTEGER PRIMARY KEY,
      stream_id       TEXT    NOT NULL,
      stream_version  INTEGER NOT NULL,
      type            TEXT    NOT NULL,
      data            TEXT    NOT NULL,
      metadata        TEXT,
      recorded_at     TEXT    NOT NULL,
      UNIQUE (stream_id, stream_version)
    ) STRICT;
  `);
  return db;
}

export type SqliteEventRow = {
  global_position: number;
  stream_id: string;
  stream_version: number;
  type: string;
  data: string;
  metadata: string | null;
  recorded_at: string;
};
