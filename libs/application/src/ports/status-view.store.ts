import type { StatusView } from '../projections/status/status.view';

/** Where the status projection keeps its documents and checkpoint; GET /orders/:id reads from here. */
export interface StatusViewStore {
  get(orderId: string): Promise<StatusView | undefined>;
  /** Writes the documents and moves the checkpoint in one step, so a crash never applies half a batch. */
  commit(docs: readonly StatusView[], checkpoint: number): Promise<void>;
  checkpoint(): Promise<number>;
}
