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
}
