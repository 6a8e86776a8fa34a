import {
  type DelayWatch,
  DEFAULT_ETA_CONFIG,
  EtaLearner,
  type EtaLearnerSnapshot,
  type DelayForecast,
  type EtaDates,
  type EtaModelConfig,
  fulfilsPromise,
  type Instant,
  instantOf,
  isPartnerEvent,
  isSystemEvent,
  localDateOf,
  type ModelTime,
  BUSINESS_TIME_FLOOR,
  CALENDAR_TIME,
  type CalendarDate,
  EtaCalibration,
  type EtaCalibrationSnapshot,
  type EtaStage,
  ETA_STAGES,
  MILESTONE_OF,
  LeadFeature,
  type LeadFeatureSnapshot,
  EtaEffects,
  type EtaEffectsSnapshot,
  JointEtaModel,
  jointTreesOf,
  type JointEtaModelSnapshot,
  type JointInputs,
  jointInputsOf,
  type ForecastSpread,
  logRatioToMedian,
  type OrderEvent,
  predictEta,
  shownEta,
  WindowLevels,
  type WindowLevelsSnapshot,
} from '@ot/domain';
import type { EtaView } from '../../ports/eta-view.store';
import type { RecordedEvent } from '../../ports/event-store.port';
import { noTelemetry, type Telemetry } from '../../ports/telemetry.port';
import type { Projection } from '../projection';
import type { EtaProjectionState, EtaViewStore } from './eta-view.store.port';
import { foldConclusion, foldOpenOrder, type OpenOrder, OpenOrders, parcelKeyOf, type SavedOpenOrder, setRare } from './open-order';
import { delayForecastOf, type KeptDates, keptDates, keptForecast, sameKeptDates } from './kept-forecast';
import { isoInstant } from './iso-instant';
import {
  CONFIDENCE,
  hasStageSpread,
  NEXT_EVENT_DUE,
  PLACED,
  placedFactsOf,
  placementLeadOf,
  PREDICTED_AT,
  type SavedNumbers,
  setForecastNumbers,
  setPlacementLead,
  setStageSpread,
  STAGE_STARTED,
  stageSpreadOf,
} from './open-order-numbers';

/** An open order as the delay rules see it: what it remembers, its latest forecast, and the stream version they rest on. */
export type Watched = { watch: DelayWatch; prediction: DelayForecast; asOf: number };
/** An order just closed by a delivery or pick-up, for the rule that records a late one. */
export type Delivery = { watch: DelayWatch; deliveredAt: Instant; asOf: number };

/** Beyond this long in one stage a parcel is past anything the model has seen; clock ticks stop re-forecasting it. */
const STALE_AFTER_MS = 60 * 86_400_000;

/**
 * The ETA projection. Its state (open orders and the learner) lives in memory; snapshot() and
 * restore() let the pipeline keep it beside the documents, so a start resumes from the saved
 * position instead of folding the whole log. checkpoint() reports the in-memory position. Documents
 * are written only for events past the store's checkpoint, so what is refolded is not rewritten.
 */
export class EtaProjection implements Projection {
  readonly name = 'eta';
  private readonly orders = new OpenOrders();
  /** Replaced only by restore(), before anything is folded. */
  learner: EtaLearner;
  private calibration: EtaCalibration;
  /** The promise as a feature; undefined when the model is configured without it. */
  private promiseLead: LeadFeature | undefined;
  /** The seller's hand-over deadline as a feature; undefined when the model is configured without it. */
  private handOverLead: LeadFeature | undefined;
  /** The window's levels, calibrated toward its coverage; off (0 deliveries) unless configured. */
  private windowLevels: WindowLevels;
  /** The seller's own effect per stage; undefined when the model is configured without it. */
  private effects: EtaEffects | undefined;
  /** The joint linear model of the residual on every feature; undefined unless configured. */
  private joint: JointEtaModel | undefined;
  private position = 0;
  private stored: number | undefined;
  /** The processing instant: the latest event or tick time folded. Forecasts are made at it, never before. */
  private processedMs = 0;
  /** `${orderId}:${streamVersion}` of conclusions this projection's reactor appended and already folded (absorb). */
  private readonly absorbed = new Set<string>();
  private deliveries: Delivery[] = [];
  /** Documents re-dated by absorbed conclusions, written with the next commit (the conclusions are then read back). */
  private readonly pending = new Map<string, EtaView>();
  private lastDay = { ms: Number.NaN, day: '' };

  constructor(
    private readonly views: EtaViewStore,
    config: EtaModelConfig = DEFAULT_ETA_CONFIG,
    private readonly telemetry: Telemetry = noTelemetry,
    /** The orders this instance forecasts and judges (its Kafka partitions, docs/SCALING.md); it learns from all. */
    private readonly owns: (orderId: string) => boolean = () => true,
    /** The days the model counts in (business days from a holiday calendar, or calendar days); the same on every restart. */
    private readonly time: ModelTime = CALENDAR_TIME,
  ) {
    this.learner = new EtaLearner(config);
    this.calibration = new EtaCalibration(config.calibrationDeliveries);
    // the joint model replacing the layers reads the promise's lead itself
    this.promiseLead = config.promiseLead && config.jointModel !== 'replace' ? new LeadFeature(config.halfLifeDays) : undefined;
    this.handOverLead = config.handOverLead ? new LeadFeature(config.halfLifeDays) : undefined;
    this.windowLevels = new WindowLevels(config.windowCalibration);
    this.effects = config.effects ? new EtaEffects(config.halfLifeDays, config.backoffStrength) : undefined;
    // the learner's memory and shrinkage: a delivery counts as long as in the groups, the ridge is as strong as a group's back-off
    this.joint =
      config.jointModel !== 'off'
        ? new JointEtaModel(config.halfLifeDays, config.backoffStrength, config.jointWithout, jointTreesOf(config.jointTrees))
        : undefined;
  }

  async checkpoint(): Promise<number> {
    // The view's checkpoint as this process found it at start: ETA workers split by partition share one view and
    // its checkpoint, so one read later could be another worker's, ahead of this one, and skip this one's commits.
    await this.storedCheckpoint();
    return this.position;
  }

  /** The memory to save as of checkpoint(): learner, open orders (with the dates last written), conclusions already folded. */
  snapshot(): EtaProjectionState {
    return {
      position: this.position,
      processedMs: this.processedMs,
      learner: this.learner.snapshot(),
      parcelKeys: 'slot',
      calibration: this.calibration.snapshot(),
      ...(this.promiseLead && { promiseLead: this.promiseLead.snapshot() }),
      ...(this.handOverLead && { handOverLead: this.handOverLead.snapshot() }),
      ...(this.windowLevels.deliveries > 0 && { windowLevels: this.windowLevels.snapshot() }),
      ...(this.effects && { effects: this.effects.snapshot() }),
      ...(this.joint && { joint: this.joint.snapshot() }),
      days: this.time.days,
      origin: this.time.origin(),
      orders: this.orders.saved(),
      orderNumbers: this.orders.savedNumbers(),
      absorbed: [...this.absorbed],
      pending: [...this.pending.values()],
    };
  }

  /** A state learned in other days (business vs calendar) would mix two time axes in one learner: rebuild instead. */
  canRestore(state: EtaProjectionState): boolean {
    return ((state as ProjectionSnapshot).days ?? 'calendar') === this.time.days;
  }

  /** Resumes from a snapshot() (of a projection with the same model); only before anything was folded. */
  restore(state: EtaProjectionState): void {
    const s = state as ProjectionSnapshot;
    if (this.position !== 0) throw new Error('restore() is for a fresh projection');
    // the learner holds model instants: count from the day it counted from (states saved without one, from the floor)
    if (s.days === 'business') this.time.startAt(s.origin ?? BUSINESS_TIME_FLOOR);
    // the orders first: the learner's open parcels are held under their orders' slots (saved before: under their ids)
    this.orders.restoreAll(s.orders, s.orderNumbers);
    const keyOf = s.parcelKeys === 'slot' ? Number : (id: string) => ((o) => o && parcelKeyOf(o.at))(this.orders.get(id));
    this.learner = EtaLearner.restore(s.learner, this.learner.config, keyOf);
    this.calibration = EtaCalibration.restore(s.calibration, this.learner.config.calibrationDeliveries);
    const { halfLifeDays, backoffStrength } = this.learner.config;
    if (this.promiseLead) this.promiseLead = LeadFeature.restore(s.promiseLead, halfLifeDays);
    if (this.handOverLead) this.handOverLead = LeadFeature.restore(s.handOverLead, halfLifeDays);
    this.windowLevels = WindowLevels.restore(s.windowLevels, this.learner.config.windowCalibration);
    if (this.effects) this.effects = EtaEffects.restore(s.effects, halfLifeDays, backoffStrength);
    const { jointWithout, jointTrees } = this.learner.config;
    if (this.joint) this.joint = JointEtaModel.restore(s.joint, halfLifeDays, backoffStrength, jointWithout, jointTreesOf(jointTrees));
    for (const v of s.written ?? []) {
      const o = this.orders.get(v.orderId);
      if (o) o.written = o.forecast && sameDates(o.forecast, v) ? o.forecast : keptDates(v);
    }
    for (const id of s.absorbed) this.absorbed.add(id);
    for (const v of s.pending) this.pending.set(v.orderId, v);
    this.position = s.position;
    this.processedMs = s.processedMs;
  }

  /** The latest instant folded so far (event times and ticks): no forecast is made before it. */
  processedAt(): number {
    return this.processedMs;
  }

  /**
   * Folds a batch and forecasts each order right after each of its partner events, as of that
   * event, so the forecast never sees a later event of the batch and batch boundaries do not
   * matter (a rebuild in one go equals the incremental run). Returns the open orders touched.
   */
  async apply(events: readonly RecordedEvent[]): Promise<void> {
    await this.project(events);
  }

  /**
   * apply(), telling which open orders got a new forecast (the delay reactor judges those).
   * `notBefore`: the present on a wall clock, so news is forecast and judged now, not at its own time.
   */
  async project(events: readonly RecordedEvent[], notBefore?: Date): Promise<string[]> {
    if (notBefore) this.processedMs = Math.max(this.processedMs, notBefore.getTime());
    const upserts = new Map<string, EtaView | undefined>(this.pending);
    this.pending.clear();
    const removals = new Set<string>();
    const newsLater = ordersWithNewsLater(events);
    const judged = new Set<string>();
    for (const [i, e] of events.entries()) {
      if (e.globalPosition <= this.position) continue;
      const open = this.orders.get(e.data.orderId);
      const shown = open?.forecast?.expected; // the expected day GET showed last
      const handingOver = open?.stage === 'handoff' && e.type === 'HandedToCarrier';
      // most batches absorbed nothing: no key to build
      const absorbed = this.absorbed.size > 0 && this.absorbed.delete(`${e.data.orderId}:${e.streamVersion}`);
      const result = absorbed ? 'ignored' : foldOpenOrder(this.orders, this.learner, e, this.time);
      this.position = e.globalPosition;
      this.processedMs = Math.max(this.processedMs, Date.parse(instantOf(e)));
      const id = e.data.orderId;
      const o = this.orders.get(id);
      if (handingOver && result !== 'ignored' && open.stage === 'transit') this.scoreHandOver(open, Date.parse(e.data.occurredAt));
      if ((result === 'opened' || result === 'moved') && o && this.owns(id)) {
        // A later event of this batch moves or closes the order again: this forecast would be replaced
        // before anything reads it, so only its place in the batch's order is kept. The first forecast
        // is always made: it is what the customer is told (announcedExpected).
        const replaced = result === 'moved' && o.announcedExpected !== undefined && newsLater[i];
        const at = isoInstant(this.processedMs);
        upserts.set(id, replaced ? upserts.get(id) : this.forecast(o, at, this.processedMs));
        judged.add(id);
      }
      if (result === 'system' && o?.written && this.owns(id)) {
        const view = this.rerender(o, new Date(this.processedMs).toISOString()); // a delay's date is the floor of what is shown
        if (view) upserts.set(id, view);
      }
      if (result === 'closed') {
        const milestone = MILESTONE_OF[e.type as keyof typeof MILESTONE_OF];
        if (open && milestone && fulfilsPromise(milestone)) this.score(open, Date.parse((e.data as { occurredAt: Instant }).occurredAt));
        if (open && milestone && fulfilsPromise(milestone) && this.owns(id)) {
          this.deliveries.push({ watch: watchOf(open), deliveredAt: (e.data as { occurredAt: Instant }).occurredAt, asOf: e.streamVersion });
        }
        if (shown && (e.type === 'Delivered' || e.type === 'PickedUp'))
          this.telemetry.deliveredAgainstEta((Date.parse(e.data.occurredAt.slice(0, 10)) - Date.parse(shown)) / 86_400_000);
        upserts.delete(id);
        removals.add(id);
      }
    }
    const stored = await this.storedCheckpoint();
    if (this.position > stored) {
      await this.views.commit({ upserts: [...upserts.values()].filter((v) => v !== undefined), removals: [...removals] }, this.position);
      this.stored = this.position;
    }
    return [...judged].filter((id) => this.orders.has(id));
  }

  /**
   * Re-forecasts every open order at `now` (time passing is news too) and writes the documents that
   * changed. `now` never goes back: a tick older than what was already folded is made at that instant.
   */
  async refresh(now: Instant): Promise<Instant> {
    this.processedMs = Math.max(this.processedMs, Date.parse(now));
    const at = new Date(this.processedMs).toISOString();
    const upserts = new Map<string, EtaView>(this.pending);
    this.pending.clear();
    const removals: string[] = [];
    for (const o of this.orders.values()) {
      if (!this.owns(o.orderId)) continue;
      if (this.processedMs - this.orders.number(o, STAGE_STARTED) > STALE_AFTER_MS) {
        // past anything the model has seen: no date is better than one that slides every day
        if (o.written) {
          o.written = undefined;
          removals.push(o.orderId);
        }
        upserts.delete(o.orderId);
        continue;
      }
      const view = this.forecastIfChanged(o, at, this.processedMs);
      if (view) upserts.set(o.orderId, view);
    }
    if (upserts.size || removals.length) await this.views.commit({ upserts: [...upserts.values()], removals }, await this.storedCheckpoint());
    return at;
  }

  /**
   * Folds the conclusions the delay reactor just appended for an order, before they are read back
   * from the log (where they are then skipped): the next judgement sees its own alerts wherever in
   * the log they landed, so what is concluded does not depend on how events were batched.
   */
  async absorb(orderId: string, lastVersion: number, events: readonly OrderEvent[]): Promise<void> {
    const o = this.orders.get(orderId);
    if (!o) return;
    for (const [i, e] of events.entries()) {
      if (!isSystemEvent(e)) continue;
      foldConclusion(o, e);
      this.absorbed.add(`${orderId}:${lastVersion - events.length + 1 + i}`);
    }
    const view = o.written && this.rerender(o, new Date(this.processedMs).toISOString());
    if (view) this.pending.set(orderId, view);
  }

  /** Open orders with a forecast, for the delay rules; all of them, or just `ids`. */
  watched(ids?: readonly string[]): Watched[] {
    if (!ids) return [...this.watching()];
    const out: Watched[] = [];
    for (const id of ids) {
      const o = this.orders.get(id);
      if (o?.forecast) out.push(this.watchedOf(o));
    }
    return out;
  }

  /**
   * Every owned open order with a forecast, for the delay rules, each made as it is taken: a tick's reactor takes
   * them a slice at a time, where a list of all held every order's watch through the whole judgement (about 300 B an
   * order). A watch is made before its order's own conclusions, as in the list; a conclusion changes only its order.
   */
  *watching(): IterableIterator<Watched> {
    for (const o of this.orders.values()) if (o.forecast && this.owns(o.orderId)) yield this.watchedOf(o);
  }

  private watchedOf(o: OpenOrder): Watched {
    return {
      watch: watchOf(o),
      prediction: delayForecastOf(o.forecast!, this.orders.number(o, NEXT_EVENT_DUE), this.orders.number(o, PREDICTED_AT)),
      asOf: o.newsVersion,
    };
  }

  /** Orders delivered since the last call, each with what was known just before. */
  takeDeliveries(): Delivery[] {
    const out = this.deliveries;
    this.deliveries = [];
    return out;
  }

  openCount(): number {
    return this.orders.size;
  }

  /** Open orders this instance forecasts (all of them unless split by partition). */
  ownedOpenCount(): number {
    let n = 0;
    for (const id of this.orders.keys()) if (this.owns(id)) n++;
    return n;
  }

  /** The order's forecast at `at` (`atMs` in epoch ms), kept, and its document. */
  private forecast(o: OpenOrder, at: Instant, atMs: number): EtaView {
    const n = this.orders.numbers.values;
    const b = o.at;
    const facts = {
      route: o.route,
      stage: o.stage,
      stageStartedAt: new Date(n[b + STAGE_STARTED]).toISOString(),
      promisedBy: o.promisedBy,
      lead: placementLeadOf(n, b),
      ...placedFactsOf(n, b),
      handOverLead: o.rare?.handOver?.lead,
      handOverSpread: o.rare?.handOver?.spread,
      stageSpread: stageSpreadOf(n, o.stage, b),
    };
    const adjusters = {
      calibration: this.calibration,
      promiseLead: this.promiseLead,
      handOverLead: this.handOverLead,
      effects: this.effects,
      joint: this.joint,
      ...(this.windowLevels.deliveries > 0 && { windowLevels: this.windowLevels }),
    };
    const p = predictEta(this.learner, facts, at, this.time, adjusters);
    o.forecast = keptForecast(p);
    setForecastNumbers(n, p.confidence, p.nextEventDueMs ?? Date.parse(p.nextEventDueBy), atMs, b);
    if (!hasStageSpread(n, o.stage, b)) setStageSpread(n, o.stage, p.spread, b);
    if (p.shown && !o.rare?.stageShown?.[o.stage]) setRare(o, 'stageShown', { ...o.rare?.stageShown, [o.stage]: p.shown });
    if (p.lead !== undefined && placementLeadOf(n, b) === undefined) setPlacementLead(n, p.lead, b);
    if (p.handOverLead !== undefined && o.rare?.handOver === undefined) setRare(o, 'handOver', { lead: p.handOverLead, spread: p.handOverSpread });
    // the first forecast is what the customer is told at placement; later moves become EtaRevised
    if (!o.announcedExpected) o.announcedExpected = p.expected;
    return this.render(o, at);
  }

  /** A delivered order's first forecast in each stage, scored against where the delivery fell (calibration). */
  private score(o: OpenOrder, deliveredMs: number): void {
    const actual = this.time.toModel(deliveredMs);
    for (const stage of ETA_STAGES) {
      const spread = stageSpreadOf(this.orders.numbers.values, stage, o.at);
      if (!spread) continue;
      this.calibration.record(stage, spread, actual);
      const lead = placementLeadOf(this.orders.numbers.values, o.at);
      if (stage === 'handoff' && typeof lead === 'number') this.promiseLead?.record(spread, lead, actual);
      // the joint model's features as its forecasts read them, the effects before they learn this delivery
      if (this.joint) this.joint.record(stage, this.jointInputsAt(o, stage, spread, actual), logRatioToMedian(spread, actual), actual);
      this.effects?.record(stage, o.route, spread, actual);
    }
    for (const [stage, shown] of Object.entries(o.rare?.stageShown ?? {})) this.windowLevels.record(stage as EtaStage, shown, actual);
  }

  /** The joint model's features of a delivered order's stage: its first forecast's leads, the effects as of `actualMs`. */
  private jointInputsAt(o: OpenOrder, stage: EtaStage, first: ForecastSpread, actualMs: number): JointInputs {
    const n = this.orders.numbers.values;
    const facts = { route: o.route, stage, promisedBy: o.promisedBy, ...placedFactsOf(n, o.at) };
    const startedMs = n[o.at + (stage === 'handoff' ? PLACED : STAGE_STARTED)];
    return jointInputsOf(facts, startedMs, first, actualMs, this.time, this.learner.config, this.effects);
  }

  /** Handed over at `handedMs`: the hand-over deadline's feature learns where the hand-over fell against its first forecast. */
  private scoreHandOver(o: OpenOrder, handedMs: number): void {
    const h = o.rare?.handOver;
    if (typeof h?.lead === 'number' && h.spread) this.handOverLead?.record(h.spread, h.lead, this.time.toModel(handedMs));
  }

  /** A tick's forecast: the document when the forecast or the dates shown changed. */
  private forecastIfChanged(o: OpenOrder, at: Instant, atMs: number): EtaView | undefined {
    const before = o.forecast;
    const confidence = this.orders.number(o, CONFIDENCE);
    const written = o.written;
    const view = this.forecast(o, at, atMs);
    const moved = !before || !sameKeptDates(before, o.forecast!) || Math.abs(confidence - this.orders.number(o, CONFIDENCE)) >= 0.01;
    return moved || !written || !sameDates(written, view) ? view : undefined;
  }

  /** The dates shown at `at` when they differ from those written (a new day, a delay's floor). */
  private rerender(o: OpenOrder, at: Instant): EtaView | undefined {
    const written = o.written;
    const view = this.render(o, at);
    return written && sameDates(written, view) ? undefined : view;
  }

  /** The document for the order's latest forecast as shown at `at`: never before that day nor before an active delay's date. */
  private render(o: OpenOrder, at: Instant): EtaView {
    const f = o.forecast!;
    const window = { earliest: f.earliest, latest: f.latest };
    const forecast: EtaView = {
      orderId: o.orderId,
      expected: f.expected,
      by: f.by,
      window,
      updatedAt: at,
      confidence: this.orders.number(o, CONFIDENCE),
      days: this.time.days,
    };
    const view = shownEta(forecast, this.dayAt(Date.parse(at)), o.delay?.expected);
    o.written = view === forecast ? f : keptDates(view); // usually the forecast's own dates: nothing more kept
    return view;
  }

  /** The customer's calendar day at an instant; a tick renders every order at one instant, so the last answer is kept. */
  private dayAt(ms: number): string {
    if (this.lastDay.ms !== ms) this.lastDay = { ms, day: localDateOf(ms, this.learner.config.timeZone) };
    return this.lastDay.day;
  }

  private async storedCheckpoint(): Promise<number> {
    if (this.stored === undefined) this.stored = await this.views.checkpoint();
    return this.stored;
  }
}

/** An open order's dates last written, as states saved before kept them beside the orders (some kept the whole document: a superset). */
type WrittenDates = EtaDates & { orderId: string };

type ProjectionSnapshot = {
  position: number;
  processedMs: number;
  learner: EtaLearnerSnapshot;
  /** Absent in states saved before calibration: it then starts empty. */
  calibration?: EtaCalibrationSnapshot;
  /** Absent in states saved before the promise was a feature (or without it): it then starts empty. */
  promiseLead?: LeadFeatureSnapshot;
  /** Absent in states saved before the hand-over deadline was a feature (or without it): it then starts empty. */
  handOverLead?: LeadFeatureSnapshot;
  /** Absent in states saved before the window's levels were calibrated (or with it off): it then starts empty. */
  windowLevels?: WindowLevelsSnapshot;
  /** Absent in states saved before the seller's effect (or without it): it then starts empty. */
  effects?: EtaEffectsSnapshot;
  /** Absent in states saved before the joint model (or without it): it then starts empty. */
  joint?: JointEtaModelSnapshot;
  /** The days the learner counted in; absent before business days: calendar. */
  days?: ModelTime['days'];
  /** The business days' origin (ModelTime.origin); absent before it was kept: BUSINESS_TIME_FLOOR. */
  origin?: CalendarDate;
  orders: SavedOpenOrder[];
  /** 'slot': the learner's open parcels are saved under their orders' slots (parcelKeyOf); absent before: under the order ids. */
  parcelKeys?: 'slot';
  /** The numbers of the orders saved since the slab, each order's from its `at`; absent before (each order kept its own). */
  orderNumbers?: SavedNumbers;
  /** Absent in states saved since each open order keeps its own. */
  written?: WrittenDates[];
  absorbed: string[];
  pending: EtaView[];
};

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

function watchOf(o: OpenOrder): DelayWatch {
  const delay = o.delay;
  return {
    orderId: o.orderId,
    promisedBy: o.promisedBy,
    delayActive: delay !== undefined,
    promiseBroken: o.promiseBroken,
    announcedExpected: o.announcedExpected,
    delayExpected: delay?.expected,
    delayReason: delay?.reason,
    partnerDelay: o.rare?.partnerDelay?.reason,
    silentSinceDelay: delay?.newsVersion !== undefined && o.newsVersion <= delay.newsVersion,
  };
}

function sameDates(a: KeptDates, b: EtaDates): boolean {
  return a.expected === b.expected && a.by === b.by && a.earliest === b.window.earliest && a.latest === b.window.latest;
}
