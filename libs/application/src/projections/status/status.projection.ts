import type { OrderEvent } from '@ot/domain';
import type { RecordedEvent } from '../../ports/event-store.port';
import type { StatusViewStore } from '../../ports/status-view.store';
import { noTelemetry, type Telemetry } from '../../ports/telemetry.port';
import type { CheckpointAnchoring } from '../checkpoint-anchor';
import type { Projection } from '../projection';
import { evolveStatusView } from './status.evolve';
import { orderHealthOf, type StatusView } from './status.view';

/**
 * One batch folded into status documents: what to write, each document's move (for the health counts),
 * and the orders that had no document before it.
 */
export type StatusBatch = { changed: StatusView[]; moves: [StatusView | null, StatusView][]; unseen: Set<string> };

/**
 * Keeps one status document per order. A batch is grouped by order so each document is read
 * once and written once, then every touched document and the batch's last position are
 * committed together. evolveStatusView skips events at or below a document's version, so a
 * batch applied again (crash before the checkpoint moved, or a replay) changes nothing.
 */
export class StatusProjection implements Projection {
  readonly name = 'status';

  constructor(
    private readonly store: StatusViewStore,
    private readonly telemetry: Telemetry = noTelemetry,
  ) {}

  get anchoring(): CheckpointAnchoring | undefined {
    return this.store.anchoring;
  }

  checkpoint(): Promise<number> {
    return this.store.checkpoint();
  }

  async apply(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const batch = await foldStatusBatch(this.store, events);
    await this.store.commit(batch.changed, events[events.length - 1].globalPosition);
    reportHealthMoves(this.telemetry, batch);
  }
}

/**
 * Reads each touched document once and folds its events; writes nothing. `checkpointed`: the store's
 * documents are never ahead of its checkpoint and the events are all past it, so an order whose
 * first event here opens its stream (version 1) has no document yet, and is not looked up.
 */
export async function foldStatusBatch(store: Pick<StatusViewStore, 'get'>, events: readonly RecordedEvent[], checkpointed = false): Promise<StatusBatch> {
  const batch: StatusBatch = { changed: [], moves: [], unseen: new Set() };
  for (const [orderId, orderEvents] of groupByOrder(events)) {
    const before = checkpointed && orderEvents[0].streamVersion === 1 ? null : ((await store.get(orderId)) ?? null);
    if (!before) batch.unseen.add(orderId);
    const after = orderEvents.reduce(evolveStatusView, before);
    if (after && after !== before) {
      batch.changed.push(after);
      batch.moves.push([before, after]);
    }
  }
  return batch;
}

/** After the commit: the operators' open, at-risk and late counts follow each document that changed health. */
export function reportHealthMoves(telemetry: Telemetry, { moves }: StatusBatch): void {
  for (const [before, after] of moves) {
    const [from, to] = [before ? orderHealthOf(before) : undefined, orderHealthOf(after)];
    if (from !== to) telemetry.orderHealthChanged(from, to);
  }
}

/** Map keeps first-seen order, and each order's events stay in stream order. */
function groupByOrder(events: readonly RecordedEvent[]): Map<string, RecordedEvent<OrderEvent>[]> {
  const byOrder = new Map<string, RecordedEvent<OrderEvent>[]>();
  for (const event of events) {
    const list = byOrder.get(event.data.orderId);
    if (list) list.push(event);
    else byOrder.set(event.data.orderId, [event]);
  }
  return byOrder;
}
