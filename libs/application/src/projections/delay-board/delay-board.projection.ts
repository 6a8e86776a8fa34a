import { DEFAULT_DELAY_RULES, type OrderEvent } from '@ot/domain';
import type { RecordedEvent } from '../../ports/event-store.port';
import type { CheckpointAnchoring } from '../checkpoint-anchor';
import type { Projection } from '../projection';
import { type BoardDoc, evolveBoardRow } from './delay-board.evolve';
import type { DelayBoardStore } from './delay-board.store.port';

/**
 * Keeps one delay-board row per order, as the status projection keeps its documents: a batch is
 * grouped by order, each row read once and written once, rows and checkpoint committed together;
 * evolveBoardRow skips replayed versions, so a batch applied twice changes nothing.
 * Where the board shares the status view's file, StatusAndBoardProjection runs this fold instead.
 */
export class DelayBoardProjection implements Projection {
  readonly name = 'delay-board';

  constructor(
    private readonly store: DelayBoardStore,
    private readonly timeZone: string = DEFAULT_DELAY_RULES.timeZone,
  ) {}

  get anchoring(): CheckpointAnchoring | undefined {
    return this.store.anchoring;
  }

  checkpoint(): Promise<number> {
    return this.store.checkpoint();
  }

  async apply(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.store.commit(await foldBoardBatch(this.store, events, this.timeZone), events[events.length - 1].globalPosition);
  }
}

/**
 * Reads each touched row once and folds its events; returns the rows that changed, writes nothing.
 * `rowless`: orders the caller knows have no row, so none is read for them.
 */
export async function foldBoardBatch(
  store: Pick<DelayBoardStore, 'get'>,
  events: readonly RecordedEvent[],
  timeZone: string,
  rowless: ReadonlySet<string> = new Set(),
): Promise<BoardDoc[]> {
  const rows = new Map<string, BoardDoc | null>([...rowless].map((id) => [id, null]));
  const changed = new Set<string>();
  for (const event of events as readonly RecordedEvent<OrderEvent>[]) {
    const id = event.data.orderId;
    const before = rows.has(id) ? rows.get(id)! : ((await store.get(id)) ?? null);
    const after = evolveBoardRow(before, event, timeZone);
    rows.set(id, after);
    if (after && after !== before) changed.add(id);
  }
  return [...changed].map((id) => rows.get(id)!);
}
