import { deserialize } from 'node:v8';
import type { EtaProjectionState, EtaView, EtaViewChanges, EtaViewStore, ViewCommitListener } from '@ot/application';
import { type Migration, migrateSqlite } from '@ot/sql';
import type Database from 'better-sqlite3';
import { CommitListeners } from '../commit-listeners';
import { openViewFile } from '../sqlite.view-file';
import { changedIds } from './eta-view.changes';
import { ETA_STATE_CHUNK_ENTRIES, StateAssembler, stateChunks } from './eta-state.chunks';

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
  {
    version: 3,
    name: 'ETA projection state in chunks (one bound value is capped at 1e9 bytes)',
    up: `CREATE TABLE eta_state_head (id INTEGER PRIMARY KEY CHECK (id = 1), generation INTEGER NOT NULL, position INTEGER NOT NULL, chunks INTEGER NOT NULL);
         CREATE TABLE eta_state_chunk (generation INTEGER NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (generation, seq));`,
  },
];

/** The ETA file's page cache (KiB). */
const ETA_VIEW_CACHE_KIB = 4096;

export type SqliteEtaViewStoreOptions = Readonly<{ stateChunkEntries?: number }>;

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
  private readonly saveStateTx: (state: EtaProjectionState, position: number) => void;
  private readonly readHead: Database.Statement<[], { generation: number; position: number; chunks: number }>;
  private readonly readChunks: Database.Statement<[number], { data: Buffer }>;
  private readonly readOldState: Database.Statement<[], { position: number; state: Buffer }>;

  /** `path`: a file of its own (not the event store's), or ':memory:'; `stateChunkEntries`: array entries per saved chunk. */
  constructor(path: string, { stateChunkEntries = ETA_STATE_CHUNK_ENTRIES }: SqliteEtaViewStoreOptions = {}) {
    this.db = openViewFile(path); // WAL, synchronous=NORMAL: a rebuildable view, a lost last commit is replayed from the log
    // Written by order id at random, read rarely (GET /orders/:id reads the file on its own connection): past the
    // B-tree's inner pages a larger cache holds a few % of a large file's leaves. 4 MB, not 16 (docs/PERFORMANCE.md).
    this.db.pragma(`cache_size = -${ETA_VIEW_CACHE_KIB}`);
    migrateSqlite(this.db, ETA_SQLITE_MIGRATIONS); // v1 is IF NOT EXISTS: an unnumbered file is at v1 already
    this.selectDoc = this.db.prepare('SELECT doc FROM eta_view WHERE order_id = ?');
    this.selectAll = this.db.prepare('SELECT doc FROM eta_view ORDER BY order_id');
    this.selectCheckpoint = this.db.prepare('SELECT position FROM eta_checkpoint WHERE id = 1');
    const upsert = this.db.prepare('INSERT INTO eta_view (order_id, doc) VALUES (?, ?) ON CONFLICT (order_id) DO UPDATE SET doc = excluded.doc');
    const remove = this.db.prepare('DELETE FROM eta_view WHERE order_id = ?');
    const move = this.db.prepare('INSERT INTO eta_checkpoint (id, position) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position');
    this.readHead = this.db.prepare('SELECT generation, position, chunks FROM eta_state_head WHERE id = 1');
    this.readChunks = this.db.prepare('SELECT data FROM eta_state_chunk WHERE generation = ? ORDER BY seq');
    this.readOldState = this.db.prepare('SELECT position, state FROM eta_state WHERE id = 1');
    const insertChunk = this.db.prepare('INSERT INTO eta_state_chunk (generation, seq, data) VALUES (?, ?, ?)');
    const dropOtherChunks = this.db.prepare('DELETE FROM eta_state_chunk WHERE generation <> ?');
    const dropOldState = this.db.prepare('DELETE FROM eta_state');
    const writeHead = this.db.prepare(
      `INSERT INTO eta_state_head (id, generation, position, chunks) VALUES (1, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET generation = excluded.generation, position = excluded.position, chunks = excluded.chunks`,
    );
    // one transaction: a crash mid-save leaves the previous generation whole and still named by the head
    this.saveStateTx = this.db.transaction((state: EtaProjectionState, position: number) => {
      const generation = (this.readHead.get()?.generation ?? 0) + 1;
      dropOtherChunks.run(generation);
      let seq = 0;
      for (const data of stateChunks(state, stateChunkEntries)) insertChunk.run(generation, seq++, data);
      writeHead.run(generation, position, seq);
      dropOldState.run();
    });
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
    this.saveStateTx(state, position);
  }

  async loadState(): Promise<{ state: EtaProjectionState; position: number } | undefined> {
    const head = this.readHead.get();
    if (!head) {
      const old = this.readOldState.get(); // saved as one value before v3
      return old && { state: deserialize(old.state) as EtaProjectionState, position: old.position };
    }
    const assembler = new StateAssembler();
    let read = 0;
    for (const { data } of this.readChunks.iterate(head.generation)) {
      assembler.add(data);
      read++;
    }
    if (read !== head.chunks) throw new Error(`ETA state: ${read} of ${head.chunks} chunks found`);
    return { state: assembler.result(), position: head.position };
  }

  close(): void {
    this.db.close();
  }
}
