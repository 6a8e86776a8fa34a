import type { OrderDocumentsReader, StoredOrderDocuments } from '@ot/application';
import Database from 'better-sqlite3';

type Row = { doc: string; version: number; customer_id: string; eta: string | null };

/**
 * Both documents of an order in one statement: a read-only connection of its own on the status
 * file with the ETA file attached, joined on the order id. One statement is one read transaction,
 * so the pair comes from one snapshot of both files. Open it after both view stores, which create
 * the tables.
 */
export class SqliteOrderDocumentsReader implements OrderDocumentsReader {
  private readonly db: Database.Database;
  private readonly select: Database.Statement<[string], Row>;

  constructor({ statusPath, etaPath }: { statusPath: string; etaPath: string }) {
    this.db = new Database(statusPath, { fileMustExist: true });
    this.db.prepare('ATTACH DATABASE ? AS eta').run(etaPath);
    this.db.pragma('query_only = ON');
    // Not mapped (mmap_size stays 0): a mapped file's touched pages, and the kernel's fault-around
    // neighbours, count in the process's RSS up to the files' size (docs/PERFORMANCE.md, session 8).
    this.select = this.db.prepare(
      'SELECT s.doc, s.version, s.customer_id, e.doc AS eta FROM main.status_view s LEFT JOIN eta.eta_view e ON e.order_id = s.order_id WHERE s.order_id = ?',
    );
  }

  async read(orderId: string): Promise<StoredOrderDocuments | undefined> {
    return this.readNow(orderId);
  }

  readNow(orderId: string): StoredOrderDocuments | undefined {
    const row = this.select.get(orderId);
    return row && { status: { customerId: row.customer_id, version: row.version, json: row.doc }, etaJson: row.eta ?? undefined };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
