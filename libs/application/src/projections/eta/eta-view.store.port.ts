import type { EtaView, EtaViewReader } from '../../ports/eta-view.store';

/** What one ETA projection step changes: documents written and orders no longer open. */
export type EtaViewChanges = Readonly<{ upserts: readonly EtaView[]; removals: readonly string[] }>;

/**
 * Where the ETA projection keeps its documents and checkpoint (in-memory and SQLite adapters in
 * @ot/read-model). Documents and checkpoint move in one transaction, so a crash never leaves
 * documents ahead of or behind the checkpoint.
 */
export interface EtaViewStore extends EtaViewReader {
  commit(changes: EtaViewChanges, checkpoint: number): Promise<void>;
  checkpoint(): Promise<number>;
  /** Every document, ordered by order id: for rebuild checks and operators. */
  all(): Promise<EtaView[]>;
  /**
   * The projection's memory (learner and open orders) as of `position`, kept beside the documents so a
   * start resumes from it instead of folding the whole log again. Plain data (maps, arrays, objects).
   */
  saveState(state: EtaProjectionState, position: number): Promise<void>;
  loadState(): Promise<{ state: EtaProjectionState; position: number } | undefined>;
}

/** What EtaProjection.snapshot() gives and restore() takes: opaque to the stores, structured-clone data. */
export type EtaProjectionState = Readonly<Record<string, unknown>>;
