import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/**
 * A read model's SQLite file (or ':memory:'): WAL, and synchronous=NORMAL because a view is
 * rebuildable from the log (WAL + NORMAL survives a process crash, and replay covers the rest).
 */
export function openViewFile(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}
