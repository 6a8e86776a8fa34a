import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';

/** Per view file (resolved path): how to end each open read transaction a reader keeps across statements. */
const openReads = new Map<string, Set<() => void>>();

/**
 * A read model's SQLite file (or ':memory:'): WAL, and synchronous=NORMAL because a view is
 * rebuildable from the log (WAL + NORMAL survives a process crash, and replay covers the rest).
 *
 * Every write transaction on the returned connection first ends the read transactions registered
 * for the file (`onViewFileWrite`), so none is open when the commit's automatic checkpoint runs:
 * a read snapshot older than the commit would stop it short of the WAL's end, and when every commit
 * finds one the WAL never restarts and grows without bound (docs/PERFORMANCE.md, session 13).
 */
export function openViewFile(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  if (path !== ':memory:') endReadsBeforeWrites(db, resolve(path));
  return db;
}

/**
 * For a reader on its own connection that keeps a read transaction open across statements: `end`
 * is called before any write transaction of this process on `path` (from a connection opened by
 * openViewFile), so after that write the reader's next statement sees it. Returns the unsubscribe.
 */
export function onViewFileWrite(path: string, end: () => void): () => void {
  const key = resolve(path);
  let ends = openReads.get(key);
  if (!ends) openReads.set(key, (ends = new Set()));
  ends.add(end);
  return () => {
    ends.delete(end);
    if (ends.size === 0 && openReads.get(key) === ends) openReads.delete(key);
  };
}

/**
 * Every store's writes on a view file go through `db.transaction` (its variants included), so the
 * connection's own method is where the readers are told; a deferred BEGIN takes no lock yet.
 */
function endReadsBeforeWrites(db: Database.Database, key: string): void {
  const transaction = db.transaction;
  db.transaction = function (this: Database.Database, fn: (...args: unknown[]) => unknown) {
    return transaction.call(this, function (this: unknown, ...args: unknown[]) {
      const ends = openReads.get(key);
      if (ends) for (const end of ends) end();
      return fn.apply(this, args);
    });
  } as Database.Database['transaction'];
}
