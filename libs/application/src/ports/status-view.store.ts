import type { CheckpointAnchoring } from '../projections/checkpoint-anchor';
import type { OrderHealth, StatusView } from '../projections/status/status.view';

/** Told, after a view store committed, which orders' documents that commit wrote or removed. */
export type ViewCommitListener = (orderIds: readonly string[]) => void;

/**
 * One status document as stored, for a reader that serves it without parsing it: `json` is
 * exactly `JSON.stringify(view)`, beside the two fields the read path needs (access, ETag).
 */
export type StoredStatusView = Readonly<{ customerId: string; version: number; json: string }>;

/** What GET /orders/:id reads: stored documents, and word of every commit that changed one. */
export interface StatusViewReader {
  stored(orderId: string): Promise<StoredStatusView | undefined>;
  /**
   * `listener` is called synchronously once each commit is durable, before commit() resolves,
   * so a cache above the store can drop an order before anyone can read the new document.
   * Returns the unsubscribe function.
   */
  onCommit(listener: ViewCommitListener): () => void;
}

/** Where the status projection keeps its documents and checkpoint; GET /orders/:id reads from here. */
export interface StatusViewStore extends StatusViewReader {
  get(orderId: string): Promise<StatusView | undefined>;
  /** Writes the documents and moves the checkpoint in one step, so a crash never applies half a batch. */
  commit(docs: readonly StatusView[], checkpoint: number): Promise<void>;
  checkpoint(): Promise<number>;
  /** Where the file keeps its checkpoint's anchor (a store that outlives the process). */
  readonly anchoring?: CheckpointAnchoring;
  /** Documents by health: a full scan, for the operators' order counts once after a start. */
  countByHealth(): Promise<Record<OrderHealth, number>>;
}
