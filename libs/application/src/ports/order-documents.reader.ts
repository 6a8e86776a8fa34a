import type { EtaViewReader } from './eta-view.store';
import type { StatusViewReader, StoredStatusView } from './status-view.store';

/** An order's two served documents as stored: the status document and its ETA (undefined when none). */
export type StoredOrderDocuments = Readonly<{ status: StoredStatusView; etaJson: string | undefined }>;

/**
 * What a GET /orders/:id cache miss reads: both documents in one lookup (one statement where the
 * store allows it), so a miss pays for one read and both come from the same snapshot. Commits are
 * still announced by each view store's onCommit.
 */
export interface OrderDocumentsReader {
  read(orderId: string): Promise<StoredOrderDocuments | undefined>;
  /** The same read without a promise, where the driver is synchronous (SQLite): a miss then costs no promise chain. */
  readNow?(orderId: string): StoredOrderDocuments | undefined;
}

/** The two views read side by side, where they share no database to join in (the in-memory stores). */
export function pairedDocumentsReader(views: StatusViewReader, etas: EtaViewReader): OrderDocumentsReader {
  return {
    async read(orderId) {
      const [status, etaJson] = await Promise.all([views.stored(orderId), etas.json(orderId)]);
      return status && { status, etaJson };
    },
  };
}
