import type { OrderDocumentsReader, StoredOrderDocuments } from '@ot/application';
import Database from 'better-sqlite3';
import { onViewFileWrite } from '../sqlite.view-file';

/** The statement's columns in order: doc, version, customer_id, the ETA's doc. */
type Row = [doc: string, version: number, customerId: string, eta: string | null];

/**
 * Both documents of an order in one statement: a read-only connection of its own on the status
 * file with the ETA file attached, joined on the order id, so the pair comes from one snapshot of
 * both files. Open it after both view stores, which create the tables.
 *
 * The reads of one turn of the event loop share one read transaction: the files' read locks and
 * WAL checks are taken once per turn, not per statement (a miss cost ~8 CPU us less, docs/PERFORMANCE.md
 * session 14). It ends at the end of the turn, and before any write transaction of this process on
 * either file (openViewFile), so a read after a commit sees it and the commit's checkpoint is not held back.
 */
export class SqliteOrderDocumentsReader implements OrderDocumentsReader {
  private readonly db: Database.Database;
  private readonly select: Database.Statement<[string], Row>;
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private reading = false;
  private readonly unsubscribe: (() => void)[];

  constructor({ statusPath, etaPath }: { statusPath: string; etaPath: string }) {
    this.db = new Database(statusPath, { fileMustExist: true });
    this.db.prepare('ATTACH DATABASE ? AS eta').run(etaPath);
    this.db.pragma('query_only = ON');
    // Not mapped (mmap_size stays 0): a mapped file's touched pages, and the kernel's fault-around
    // neighbours, count in the process's RSS up to the files' size (docs/PERFORMANCE.md, session 8).
    // Rows as arrays: an object row costs better-sqlite3 its column names made V8 strings and set one by one, per read.
    this.select = this.db
      .prepare<[string], Row>(
        'SELECT s.doc, s.version, s.customer_id, e.doc AS eta FROM main.status_view s LEFT JOIN eta.eta_view e ON e.order_id = s.order_id WHERE s.order_id = ?',
      )
      .raw(true);
    this.begin = this.db.prepare('BEGIN');
    this.commit = this.db.prepare('COMMIT');
    this.unsubscribe = [statusPath, etaPath].map((path) => onViewFileWrite(path, this.endRead));
  }

  async read(orderId: string): Promise<StoredOrderDocuments | undefined> {
    return this.readNow(orderId);
  }

  readNow(orderId: string): StoredOrderDocuments | undefined {
    if (!this.reading) {
      this.begin.run();
      this.reading = true;
      setImmediate(this.endRead);
    }
    const row = this.select.get(orderId);
    if (!row) return undefined;
    const [json, version, customerId, eta] = row;
    return { status: { customerId, version, json }, etaJson: eta ?? undefined };
  }

  async close(): Promise<void> {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    if (this.db.open) {
      this.endRead();
      this.db.close();
    }
  }

  private readonly endRead = (): void => {
    if (!this.reading) return;
    this.reading = false;
    this.commit.run();
  };
}
