import {
  ORDER_HEALTHS,
  type OrderHealth,
  orderHealthOf,
  type StatusView,
  type StatusViewStore,
  type StoredStatusView,
  type ViewCommitListener,
} from '@ot/application';
import { keepRecent } from '@ot/domain';
import { type Migration, migrateSqlite, SqliteCheckpointAnchoring } from '@ot/sql';
import type Database from 'better-sqlite3';
import { CommitListeners } from '../commit-listeners';
import { openViewFile } from '../sqlite.view-file';

/** The status file's schema, one numbered step at a time (PRAGMA user_version). */
export const STATUS_SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'status documents and checkpoint',
    up: `CREATE TABLE IF NOT EXISTS status_view (order_id TEXT PRIMARY KEY, doc TEXT NOT NULL, version INTEGER NOT NULL);
         CREATE TABLE IF NOT EXISTS status_checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL);`,
  },
  {
    // GET /orders/:id checks the owner without parsing the document
    version: 2,
    name: 'customer_id column',
    up: `ALTER TABLE status_view ADD COLUMN customer_id TEXT;
         UPDATE status_view SET customer_id = json_extract(doc, '$.customerId');`,
  },
];

export type SqliteStatusViewStoreOptions = (
  | {
      /** File of its own (not the event store's), or ':memory:'. */
      path: string;
    }
  | {
      /** A view file's connection shared with another read model (SqliteStatusAndBoardStore). */
      db: Database.Database;
    }
) & {
  /** How many parsed documents the projection keeps (it reads each touched document before folding). */
  cacheSize?: number;
};

/**
 * Status documents as JSON text keyed by order id, plus one checkpoint row, written in one
 * transaction so a crash never leaves documents ahead of (or behind) the checkpoint.
 *
 * The projection reads a document before each fold, so recently written documents are kept parsed
 * (written through on commit, which is only coherent because this process is the file's only
 * writer). The read path does not parse: `stored()` hands over the JSON text with the owner and
 * version columns, and the rendered-response cache above it listens to onCommit.
 */
export class SqliteStatusViewStore implements StatusViewStore {
  private readonly db: Database.Database;
  private readonly cache = new Map<string, StatusView>();
  private readonly cacheSize: number;
  private readonly selectDoc: Database.Statement<[string], { doc: string }>;
  private readonly selectStored: Database.Statement<[string], { doc: string; version: number; customer_id: string | null }>;
  private readonly upsertDoc: Database.Statement<[string, string, number, string]>;
  private readonly listeners = new CommitListeners();
  private readonly selectCheckpoint: Database.Statement<[], { position: number }>;
  private readonly upsertCheckpoint: Database.Statement<[number]>;
  private readonly commitTx: (docs: readonly StatusView[], checkpoint: number) => void;
  readonly anchoring: SqliteCheckpointAnchoring;
  /** Documents and checkpoint written without a commit of their own, for a transaction that also writes another view. */
  readonly write: (docs: readonly StatusView[], checkpoint: number) => void;

  /**
   * 10k parsed documents (about 7.5 MB of heap): the orders moving now. GET /orders/:id reads
   * through stored(), not this cache.
   */
  constructor(options: SqliteStatusViewStoreOptions) {
    const { cacheSize = 10_000 } = options;
    this.db = 'db' in options ? options.db : openViewFile(options.path);
    migrateSqlite(this.db, STATUS_SQLITE_MIGRATIONS, { baseline: unnumberedVersion });
    this.cacheSize = cacheSize;
    this.anchoring = new SqliteCheckpointAnchoring(this.db, () => this.forget());
    this.selectDoc = this.db.prepare('SELECT doc FROM status_view WHERE order_id = ?');
    this.selectStored = this.db.prepare('SELECT doc, version, customer_id FROM status_view WHERE order_id = ?');
    this.upsertDoc = this.db.prepare(
      'INSERT INTO status_view (order_id, doc, version, customer_id) VALUES (?, ?, ?, ?) ' +
        'ON CONFLICT (order_id) DO UPDATE SET doc = excluded.doc, version = excluded.version, customer_id = excluded.customer_id',
    );
    this.selectCheckpoint = this.db.prepare('SELECT position FROM status_checkpoint WHERE id = 1');
    this.upsertCheckpoint = this.db.prepare(
      'INSERT INTO status_checkpoint (id, position) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position',
    );
    this.write = (docs, checkpoint) => {
      for (const doc of docs) this.upsertDoc.run(doc.orderId, JSON.stringify(doc), doc.version, doc.customerId);
      this.upsertCheckpoint.run(checkpoint);
    };
    this.commitTx = this.db.transaction(this.write);
  }

  async get(orderId: string): Promise<StatusView | undefined> {
    const cached = this.cache.get(orderId);
    if (cached) return cached;
    const row = this.selectDoc.get(orderId);
    if (!row) return undefined;
    const doc = JSON.parse(row.doc) as StatusView;
    this.remember(doc);
    return doc;
  }

  async stored(orderId: string): Promise<StoredStatusView | undefined> {
    const row = this.selectStored.get(orderId);
    if (!row) return undefined;
    const customerId = row.customer_id ?? (JSON.parse(row.doc) as StatusView).customerId;
    return { customerId, version: row.version, json: row.doc };
  }

  /** Deletes every document and the checkpoint (inside the caller's transaction): the view is folded again from the log. */
  forget(): void {
    this.db.exec('DELETE FROM status_view; DELETE FROM status_checkpoint;');
    this.cache.clear();
  }

  async commit(docs: readonly StatusView[], checkpoint: number): Promise<void> {
    this.commitTx(docs, checkpoint);
    this.committed(docs);
  }

  /** After the transaction that wrote `docs` (only then: a rolled-back write must not be served). */
  committed(docs: readonly StatusView[]): void {
    for (const doc of docs) this.remember(doc);
    this.listeners.notify(() => docs.map((doc) => doc.orderId));
  }

  onCommit(listener: ViewCommitListener): () => void {
    return this.listeners.add(listener);
  }

  async checkpoint(): Promise<number> {
    return this.selectCheckpoint.get()?.position ?? 0;
  }

  /** Reads only the two fields the rule looks at, so a million documents are not parsed whole. */
  async countByHealth(): Promise<Record<OrderHealth, number>> {
    const counts = Object.fromEntries(ORDER_HEALTHS.map((h) => [h, 0])) as Record<OrderHealth, number>;
    const rows = this.db.prepare<[], { status: StatusView['status']; delay: string }>(
      `SELECT json_extract(doc, '$.status') AS status, json_extract(doc, '$.delay') AS delay FROM status_view`,
    );
    for (const { status, delay } of rows.iterate()) counts[orderHealthOf({ status, delay: JSON.parse(delay) } as StatusView)]++;
    return counts;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private remember(doc: StatusView): void {
    keepRecent(this.cache, doc.orderId, doc, this.cacheSize);
  }
}

/** Files from before numbered migrations: their version, read once from the status_view columns. */
function unnumberedVersion(db: Database.Database): number {
  const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('status_view') as string[];
  if (columns.length === 0) return 0;
  return columns.includes('customer_id') ? 2 : 1;
}
