import type { OrderEvent } from '@ot/domain';
import type { RecordedEvent } from '../../ports/event-store.port';
import type { StatusViewStore } from '../../ports/status-view.store';
import { noTelemetry, type Telemetry } from '../../ports/telemetry.port';
import type { CheckpointAnchoring } from '../checkpoint-anchor';
import type { Projection } from '../projection';
import { evolveStatusView } from './status.evolve';
import { orderHealthOf, type StatusView } from './status.view';

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
    const changed: StatusView[] = [];
    const moves: [StatusView | null, StatusView][] = [];
    for (const [orderId, orderEvents] of groupByOrder(events)) {
      const before = (await this.store.get(orderId)) ?? null;
      const after = orderEvents.reduce(evolveStatusView, before);
      if (after && after !== before) {
        changed.push(after);
        moves.push([before, after]);
      }
    }
    await this.store.commit(changed, events[events.length - 1].globalPosition);
    for (const [before, after] of moves) {
      const [from, to] = [before ? orderHealthOf(before) : undefined, orderHealthOf(after)];
      if (from !== to) this.telemetry.orderHealthChanged(from, to);
    }
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
