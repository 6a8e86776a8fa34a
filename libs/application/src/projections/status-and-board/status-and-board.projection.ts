import { DEFAULT_DELAY_RULES } from '@ot/domain';
import type { RecordedEvent } from '../../ports/event-store.port';
import type { StatusAndBoardStore } from '../../ports/status-and-board.store';
import { noTelemetry, type Telemetry } from '../../ports/telemetry.port';
import { foldBoardBatch } from '../delay-board/delay-board.projection';
import type { CheckpointAnchoring } from '../checkpoint-anchor';
import type { Projection } from '../projection';
import { foldStatusBatch, reportHealthMoves } from '../status/status.projection';

/**
 * The status projection and the delay board as one follower of the log: one page read, both folds,
 * one commit, and no board read for an order the status view has no document for. Each read model
 * keeps its own checkpoint, so a board dropped for a new fold version is rebuilt from 0 while the
 * status view skips what it already holds.
 */
export class StatusAndBoardProjection implements Projection {
  readonly name = 'status+delay-board';
  private positions?: { status: number; board: number };

  constructor(
    private readonly store: StatusAndBoardStore,
    private readonly telemetry: Telemetry = noTelemetry,
    private readonly timeZone: string = DEFAULT_DELAY_RULES.timeZone,
  ) {}

  /** The file's anchoring; a reset also drops the positions read before it. */
  get anchoring(): CheckpointAnchoring | undefined {
    const anchoring = this.store.anchoring;
    return (
      anchoring && {
        savedAnchor: () => anchoring.savedAnchor(),
        saveAnchor: (anchor) => anchoring.saveAnchor(anchor),
        reset: async () => {
          await anchoring.reset();
          this.positions = undefined;
        },
      }
    );
  }

  async checkpoint(): Promise<number> {
    const { status, board } = await this.loadPositions();
    return Math.min(status, board);
  }

  async apply(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const { status, board } = await this.loadPositions();
    const position = events[events.length - 1].globalPosition;
    // one transaction writes documents with their checkpoint, and this follower is the file's only writer
    const statusBatch = await foldStatusBatch(
      this.store.status,
      events.filter((e) => e.globalPosition > status),
      true,
    );
    // the board is never ahead of the status view and both open a row only on OrderPlaced: no document, no row
    const rows = await foldBoardBatch(
      this.store.board,
      events.filter((e) => e.globalPosition > board),
      this.timeZone,
      statusBatch.unseen,
    );
    await this.store.commit(statusBatch.changed, rows, position);
    this.positions = { status: Math.max(status, position), board: Math.max(board, position) };
    reportHealthMoves(this.telemetry, statusBatch);
  }

  /** Read from the file once; this follower is the only writer of both afterwards. */
  private async loadPositions(): Promise<{ status: number; board: number }> {
    this.positions ??= { status: await this.store.status.checkpoint(), board: await this.store.board.checkpoint() };
    return this.positions;
  }
}
