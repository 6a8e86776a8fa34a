import type { BoardDoc, StatusAndBoardStore, StatusView } from '@ot/application';
import { SqliteCheckpointAnchoring } from '@ot/sql';
import type Database from 'better-sqlite3';
import { SqliteDelayBoardStore } from '../delay-board/sqlite.delay-board.store';
import { openViewFile } from '../sqlite.view-file';
import { SqliteStatusViewStore } from '../status/sqlite.status-view.store';

/**
 * The status view and the delay board in one SQLite file on one connection: a batch's documents,
 * rows and both checkpoints are one transaction, so the board costs no commit and no file of its own.
 */
export class SqliteStatusAndBoardStore implements StatusAndBoardStore {
  readonly status: SqliteStatusViewStore;
  readonly board: SqliteDelayBoardStore;
  /** One anchor for the file: a checkpoint from another log resets both views. */
  readonly anchoring: SqliteCheckpointAnchoring;
  private readonly db: Database.Database;
  private readonly commitTx: (docs: readonly StatusView[], rows: readonly BoardDoc[], checkpoint: number) => void;

  constructor({ path, cacheSize }: { path: string; cacheSize?: number }) {
    this.db = openViewFile(path);
    this.status = new SqliteStatusViewStore({ db: this.db, cacheSize });
    this.board = new SqliteDelayBoardStore(this.db);
    this.anchoring = new SqliteCheckpointAnchoring(this.db, () => {
      this.status.forget();
      this.board.forget();
    });
    this.commitTx = this.db.transaction((docs: readonly StatusView[], rows: readonly BoardDoc[], checkpoint: number) => {
      this.status.write(docs, checkpoint);
      this.board.write(rows, checkpoint);
    });
  }

  async commit(docs: readonly StatusView[], rows: readonly BoardDoc[], checkpoint: number): Promise<void> {
    this.commitTx(docs, rows, checkpoint);
    this.status.committed(docs);
    this.board.committed(rows);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
