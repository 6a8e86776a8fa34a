import type { CheckpointAnchoring } from '../projections/checkpoint-anchor';
import type { BoardDoc } from '../projections/delay-board/delay-board.evolve';
import type { DelayBoardStore } from '../projections/delay-board/delay-board.store.port';
import type { StatusView } from '../projections/status/status.view';
import type { StatusViewStore } from './status-view.store';

/**
 * The status view and the delay board kept in one file: both are folded from the same batch and
 * committed in one transaction, one commit per batch for the two read models.
 */
export interface StatusAndBoardStore {
  readonly status: StatusViewStore;
  readonly board: DelayBoardStore;
  /** Present when the file keeps its checkpoints' anchor (see followProjection). */
  readonly anchoring?: CheckpointAnchoring;
  /** Documents, rows and both checkpoints (moved to `checkpoint`) in one transaction; each store's onCommit listeners run after it. */
  commit(docs: readonly StatusView[], rows: readonly BoardDoc[], checkpoint: number): Promise<void>;
}
