import type Database from 'better-sqlite3';
import { checkNumbering, type Migration, newerThanKnown } from './migration';

export type SqliteMigrationOptions = {
  /**
   * For files written before numbered migrations (user_version 0 but tables present): the version
   * their tables already match, read once; the file is stamped with it and migrated on from there.
   */
  baseline?: (db: Database.Database) => number;
};

/**
 * Brings a SQLite file up to the last migration. The file's version is PRAGMA user_version, so
 * one file belongs to one store's list. Each step and its new number commit together.
 */
export function migrateSqlite(db: Database.Database, migrations: readonly Migration[], { baseline }: SqliteMigrationOptions = {}): number {
  const latest = checkNumbering(migrations);
  db.transaction(() => {
    let current = db.pragma('user_version', { simple: true }) as number;
    if (current === 0 && baseline) current = baseline(db);
    if (current > latest) throw newerThanKnown(db.name, current, latest);
    for (const m of migrations.slice(current)) db.exec(m.up);
    db.pragma(`user_version = ${latest}`);
  }).immediate(); // IMMEDIATE: a second process opening the same file waits instead of migrating twice
  return latest;
}
