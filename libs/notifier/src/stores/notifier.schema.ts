import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/**
 * One SQLite file holds the notifier's state, so "event handled" and "sends queued" commit in one
 * transaction. WAL lets the HTTP reads run beside the writer; busy_timeout covers a second process.
 */
export function openNotifierDb(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL'); // WAL + NORMAL: durable at checkpoint, safe against corruption
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  db.pragma('wal_autocheckpoint = 16384');
  db.exec(`
    CREATE TABLE IF NOT EXISTS handled_events (global_position INTEGER PRIMARY KEY, handled_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS order_contexts (order_id TEXT PRIMARY KEY, context TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS outbox (
      notification_id TEXT PRIMARY KEY,
      order_id TEXT NOT NULL,
      customer_id TEXT NOT NULL,
      send TEXT NOT NULL,
      kind TEXT,
      not_before TEXT,
      status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'dead', 'superseded')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT NOT NULL,
      sent_at TEXT,
      last_error TEXT,
      dead_reason TEXT,
      dead_at TEXT
    );
    CREATE INDEX IF NOT EXISTS outbox_due ON outbox (status, next_attempt_at);
    CREATE INDEX IF NOT EXISTS outbox_customer ON outbox (customer_id);
    CREATE INDEX IF NOT EXISTS outbox_order ON outbox (order_id);
    CREATE TABLE IF NOT EXISTS preferences (customer_id TEXT PRIMARY KEY, doc TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS notification_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      order_id TEXT NOT NULL,
      notification_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      channel TEXT,
      status TEXT NOT NULL,
      provider_message_id TEXT,
      error TEXT,
      request_id TEXT,
      at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS notification_log_order ON notification_log (order_id, id);
  `);
  addSentLogColumns(db);
  addColumnOnce(db, 'notification_log', 'request_id', 'TEXT');
  return db;
}

/**
 * The policy's sent log reads kind and notBefore of a customer's sends as columns, not by parsing
 * every row's JSON (docs/PERFORMANCE.md). A file from before they existed gets them, filled from the JSON, once.
 */
function addSentLogColumns(db: Database.Database): void {
  const columns = new Set(db.prepare<[], { name: string }>('SELECT name FROM pragma_table_info(\'outbox\')').all().map((c) => c.name));
  if (columns.has('kind') && columns.has('not_before')) return;
  db.transaction(() => {
    if (!columns.has('kind')) db.exec('ALTER TABLE outbox ADD COLUMN kind TEXT');
    if (!columns.has('not_before')) db.exec('ALTER TABLE outbox ADD COLUMN not_before TEXT');
    db.exec(`UPDATE outbox SET kind = json_extract(send, '$.kind'), not_before = json_extract(send, '$.notBefore')`);
  }).immediate();
}

/** A file from before the column existed gets it, empty. */
function addColumnOnce(db: Database.Database, table: string, column: string, type: string): void {
  const columns = db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`).all();
  if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
}
