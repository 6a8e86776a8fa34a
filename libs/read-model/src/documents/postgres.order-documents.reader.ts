import type { OrderDocumentsReader, StoredOrderDocuments } from '@ot/application';
import type { PostgresDatabase } from '@ot/sql';

type Row = { doc: string; version: number; customer_id: string; eta: string | null };

/** Both documents of an order in one query over the shared state schema, where both view stores keep their tables. */
export class PostgresOrderDocumentsReader implements OrderDocumentsReader {
  constructor(private readonly db: PostgresDatabase) {}

  async read(orderId: string): Promise<StoredOrderDocuments | undefined> {
    const [row] = await this.db.query<Row>(
      'SELECT s.doc, s.version, s.customer_id, e.doc AS eta FROM status_view s LEFT JOIN eta_view e ON e.order_id = s.order_id WHERE s.order_id = $1',
      [orderId],
    );
    return row && { status: { customerId: row.customer_id, version: row.version, json: row.doc }, etaJson: row.eta ?? undefined };
  }
}
