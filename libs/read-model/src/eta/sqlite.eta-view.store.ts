import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { EtaProjectionState, EtaView, EtaViewChanges, EtaViewStore, ViewCommitListener } from '@ot/application';
import { type Migration, migrateSqlite } from '@ot/sql';
import Database from 'better-sqlite3';
import { CommitListeners } from '../commit-listeners';
import { changedIds } from './eta-view.changes';

/** The ETA file's schema, one numbered step at a time (PRAGMA user_version). */
export const ETA_SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'ETA documents and checkpoint',
    up: `CREATE TABLE IF NOT EXISTS eta_view (order_id TEXT PRIMARY KEY, doc TEXT NOT NULL);
         CREATE TABLE IF NOT EXISTS eta_checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL);`,
  },
  {
    version: 2,
    name: 'ETA projection state (learner and open orders)',
    up: `CREATE TABLE eta_state (id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL, state BLOB NOT NULL);`,
  },
];

/**
 * ETA documents as JSON keyed by order id plus one checkpoint row, changed in one transaction, and
 * the projection's state (v8-serialised: a million open orders exceed a JSON string's limit) as of
 * its own position, from which a start resumes. Still a rebuildable view: deleting the file refolds the log.
 */
export class SqliteEtaViewStore implements EtaViewStore {
  private readonly db: Database.Database;
  private readonly selectDoc: Database.Statement<[string], { doc: string }>;
  private readonly selectAll: Database.Statement<[], { doc: string }>;
  private readonly selectCheckpoint: Database.Statement<[], { position: number }>;
  private readonly commitTx: (changes: EtaViewChanges, checkpoint: number) => void;
  private readonly listeners = new CommitListeners();
  private readonly writeState: Database.Statement<[number, Buffer]>;
  private readonly readState: Database.Statement<[], { position: number; state: Buffer }>;

  /** `path`: a file of its own (not the event store's), or ':memory:'. */
  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL'); // a rebuildable view: a lost last commit is replayed from the log
    migrateSqlite(this.db, ETA_SQLITE_MIGRATIONS); // v1 is IF NOT EXISTS: an unnumbered file is at v1 already
    this.selectDoc = this.db.prepare('SELECT doc FROM eta_view WHERE order_id = ?');
    this.selectAll = this.db.prepare('SELECT doc FROM eta_view ORDER BY order_id');
    this.selectCheckpoint = this.db.prepare('SELECT position FROM eta_checkpoint WHERE id = 1');
    const upsert = this.db.prepare('INSERT INTO eta_view (order_id, doc) VALUES (?, ?) ON CONFLICT (order_id) DO UPDATE SET doc = excluded.doc');
    const remove = this.db.prepare('DELETE FROM eta_view WHERE order_id = ?');
    const move = this.db.prepare('INSERT INTO eta_checkpoint (id, position) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position');
    this.writeState = this.db.prepare(
      'INSERT INTO eta_state (id, position, state) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position, state = excluded.state',
    );
    this.readState = this.db.prepare('SELECT position, state FROM eta_state WHERE id = 1');
    this.commitTx = this.db.transaction(({ upserts, removals }: EtaViewChanges, checkpoint: number) => {
      for (const doc of upserts) upsert.run(doc.orderId, JSON.stringify(doc));
      for (const id of removals) remove.run(id);
      move.run(checkpoint);
    });
  }

  async get(orderId: string): Promise<EtaView | undefined> {
    const row = this.selectDoc.get(orderId);
    return row ? (JSON.parse(row.doc) as EtaView) : undefined;
  }

  async json(orderId: string): Promise<string | undefined> {
    return this.selectDoc.get(orderId)?.doc;
  }

  async commit(changes: EtaViewChanges, checkpoint: number): Promise<void> {
    this.commitTx(changes, checkpoint);
    this.listeners.notify(() => changedIds(changes)); // only after the transaction: a rolled-back write changed nothing
  }

  onCommit(listener: ViewCommitListener): () => void {
    return this.listeners.add(listener);
  }

  async checkpoint(): Promise<number> {
    return this.selectCheckpoint.get()?.position ?? 0;
  }

  async all(): Promise<EtaView[]> {
    return this.selectAll.all().map((r) => JSON.parse(r.doc) as EtaView);
  }

  async saveState(state: EtaProjectionState, position: number): Promise<void> {
    this.writeState.run(position, serialize(state));
  }

  async loadState(): Promise<{ state: EtaProjectionState; position: number } | undefined> {
    const row = this.readState.get();
    return row && { state: deserialize(row.state) as EtaProjectionState, position: row.position };
  }

  close(): void {
    this.db.close();
  }
}
