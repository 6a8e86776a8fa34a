import { type DelayWatch, DEFAULT_ETA_CONFIG, EtaLearner, type EtaModelConfig, type EtaPrediction, type Instant, isPartnerEvent, predictEta } from '@ot/domain';
import type { EtaView } from '../../ports/eta-view.store';
import type { RecordedEvent } from '../../ports/event-store.port';
import { noTelemetry, type Telemetry } from '../../ports/telemetry.port';
import type { Projection } from '../projection';
import type { EtaViewStore } from './eta-view.store.port';
import { foldOpenOrder, type OpenOrder } from './open-order';

/** An open order as the delay rules see it: what it remembers, and its latest forecast. */
export type Watched = { watch: DelayWatch; prediction: EtaPrediction };

/** Beyond this long in one stage a parcel is past anything the model has seen; clock ticks stop re-forecasting it. */
const STALE_AFTER_MS = 60 * 86_400_000;

/**
 * The ETA projection. Its state (open orders and the learner) lives in memory and is rebuilt
 * by folding the whole log from position 0 on start: checkpoint() reports the in-memory
 * position, so a fresh instance is fed from 0. Documents are written only for events past the
 * store's checkpoint, so the rebuild after a restart re-learns without rewriting anything.
 */
export class EtaProjection implements Projection {
  readonly name = 'eta';
  private readonly orders = new Map<string, OpenOrder>();
  readonly learner: EtaLearner;
  private position = 0;
  private stored: number | undefined;

  constructor(
    private readonly views: EtaViewStore,
    config: EtaModelConfig = DEFAULT_ETA_CONFIG,
    private readonly telemetry: Telemetry = noTelemetry,
  ) {
    this.learner = new EtaLearner(config);
  }

  async checkpoint(): Promise<number> {
    return this.position;
  }

  /**
   * Folds a batch and forecasts each order right after each of its partner events, as of that
   * event, so the forecast never sees a later event of the batch and batch boundaries do not
   * matter (a rebuild in one go equals the incremental run). Returns the open orders touched.
   */
  async apply(events: readonly RecordedEvent[]): Promise<void> {
    await this.project(events);
  }

  /** apply(), telling which open orders got a new forecast (the delay reactor judges those). */
  async project(events: readonly RecordedEvent[]): Promise<string[]> {
    const upserts = new Map<string, EtaView | undefined>();
    const removals = new Set<string>();
    const newsLater = ordersWithNewsLater(events);
    for (const [i, e] of events.entries()) {
      if (e.globalPosition <= this.position) continue;
      const shown = this.orders.get(e.data.orderId)?.prediction?.expected; // the expected day GET showed last
      const result = foldOpenOrder(this.orders, this.learner, e);
      this.position = e.globalPosition;
      const id = e.data.orderId;
      const o = this.orders.get(id);
      if ((result === 'opened' || result === 'moved') && o) {
        // A later event of this batch moves or closes the order again: this forecast would be replaced
        // before anything reads it, so only its place in the batch's order is kept. The first forecast
        // is always made: it is what the customer is told (announcedExpected).
        const replaced = result === 'moved' && o.announcedExpected !== undefined && newsLater[i];
        upserts.set(id, replaced ? upserts.get(id) : this.forecast(o, o.lastNewsAt));
      }
      if (result === 'closed') {
        if (shown && (e.type === 'Delivered' || e.type === 'PickedUp')) this.telemetry.deliveredAgainstEta((Date.parse(e.data.occurredAt.slice(0, 10)) - Date.parse(shown)) / 86_400_000);
        upserts.delete(id);
        removals.add(id);
      }
    }
    const stored = await this.storedCheckpoint();
    if (this.position > stored) {
      await this.views.commit({ upserts: [...upserts.values()].map((v) => v!), removals: [...removals] }, this.position);
      this.stored = this.position;
    }
    return [...upserts.keys()];
  }

  /** Re-forecasts every open order at `now` (time passing is news too) and writes the documents that changed. */
  async refresh(now: Instant): Promise<void> {
    const upserts: EtaView[] = [];
    const nowMs = Date.parse(now);
    for (const o of this.orders.values()) {
      if (nowMs - Date.parse(o.stageStartedAt) > STALE_AFTER_MS) continue;
      const before = o.prediction;
      const view = this.forecast(o, now);
      if (!before || changed(before, o.prediction!)) upserts.push(view);
    }
    if (upserts.length) await this.views.commit({ upserts, removals: [] }, await this.storedCheckpoint());
  }

  /** Open orders with a forecast, for the delay rules; all of them, or just `ids`. */
  watched(ids?: readonly string[]): Watched[] {
    const pick = ids ? ids.map((id) => this.orders.get(id)) : [...this.orders.values()];
    const out: Watched[] = [];
    for (const o of pick) {
      if (!o?.prediction) continue;
      const watch: DelayWatch = {
        orderId: o.orderId, promisedBy: o.promisedBy, delayActive: o.delayActive, promiseBroken: o.promiseBroken, announcedExpected: o.announcedExpected,
      };
      out.push({ watch, prediction: o.prediction });
    }
    return out;
  }

  openCount(): number {
    return this.orders.size;
  }

  private forecast(o: OpenOrder, at: Instant): EtaView {
    const p = predictEta(this.learner, { route: o.route, stage: o.stage, stageStartedAt: o.stageStartedAt }, at);
    o.prediction = p;
    // the first forecast is what the customer is told at placement; later moves become EtaRevised
    if (!o.announcedExpected) o.announcedExpected = p.expected;
    return { orderId: o.orderId, expected: p.expected, by: p.by, window: p.window, updatedAt: at, confidence: p.confidence };
  }

  private async storedCheckpoint(): Promise<number> {
    if (this.stored === undefined) this.stored = await this.views.checkpoint();
    return this.stored;
  }
}

/** Partner news after placement: folding it moves or closes an open order (system events only mark it, a second OrderPlaced is ignored). */
const movesTheOrder = (e: RecordedEvent): boolean => isPartnerEvent(e) && e.type !== 'OrderPlaced';

/**
 * Per event: does a later event of the batch bring partner news for the same order? If so, folding it
 * moves or closes the order (a stream's later events have later versions), so the forecast made
 * after this event is replaced or dropped before the batch ends.
 */
function ordersWithNewsLater(events: readonly RecordedEvent[]): boolean[] {
  const out = new Array<boolean>(events.length);
  const seen = new Set<string>();
  for (let i = events.length - 1; i >= 0; i--) {
    out[i] = seen.has(events[i].data.orderId);
    if (movesTheOrder(events[i])) seen.add(events[i].data.orderId);
  }
  return out;
}

function changed(a: EtaPrediction, b: EtaPrediction): boolean {
  return a.expected !== b.expected || a.by !== b.by || a.window.earliest !== b.window.earliest
    || a.window.latest !== b.window.latest || Math.abs(a.confidence - b.confidence) >= 0.01;
}
