import {
  type CalendarDate,
  type DelayReason,
  type EtaLearner,
  type EtaPrediction,
  type EtaRoute,
  type EtaStage,
  type Instant,
  isAftercareEvent,
  isCustomerActionEvent,
  isSystemEvent,
  isStale,
  InternTable,
  sharedRoute,
  type OrderEvent,
  type SystemEvent,
  type PredictedDelayCause,
  TERMINAL,
  MILESTONE_OF,
  type ModelTime,
  CALENDAR_TIME,
  type ForecastSpread,
} from '@ot/domain';
import type { RecordedEvent } from '../../ports/event-store.port';
import { type ForecastNumbers, forecastNumbers, type KeptDates, keptDates, type KeptForecast, keptForecast, sameKeptDates } from './kept-forecast';
import {
  COUNT,
  LAST_NEWS,
  OrderNumberSlab,
  orderNumbers,
  type SavedNumbers,
  PLACED,
  setPlacementLead,
  setForecastNumbers,
  setSavedStageSpreads,
  STAGE_STARTED,
  STATUS,
} from './open-order-numbers';

/**
 * The ETA projection's memory of one open order. Its instants and first-forecast numbers sit in the open orders'
 * slab of doubles from `at` (OrderNumberSlab), what few orders have in side objects: at a million open orders
 * each field is 8 MB.
 */
export type OpenOrder = {
  orderId: string;
  /** Stream version last folded: an event at or below it is a replay and changes nothing. */
  version: number;
  /** Stream version of the latest partner news folded: the judge's conclusions are made as of it. */
  newsVersion: number;
  promisedBy: CalendarDate;
  route: EtaRoute;
  stage: EtaStage;
  promiseBroken: boolean;
  announcedExpected: CalendarDate | undefined;
  /** The latest forecast. */
  forecast: KeptForecast | undefined;
  /** The dates last written to its document (usually the forecast's own: `forecast` itself), so a tick rewrites only what changed. */
  written: KeptDates | undefined;
  /**
   * Placed, stage started, status (the milestone's time the status rests on: an older milestone is history, the
   * domain's isStale), latest partner news and the seller's hand-over deadline, as epoch ms; the promise's lead and
   * the spread in each stage read at its first forecast (the delivery is scored against them); what the parcel is
   * (item count, price and freight) and the joint model's reading of each stage's first forecast (the delivery
   * teaches the model against them): the index of the first of them in OpenOrders' `numbers.values`.
   */
  at: number;
  /** The active delay, if one was raised and not cleared (a quarter of bench:eta's orders, half the seeded ones). */
  delay: ActiveDelay | undefined;
  /**
   * What few orders have (a partner's report; the opt-in features' readings), in one object only when one is set:
   * three fields of their own cost every open order 24 B (`setRare` keeps it; undefined when none is set).
   */
  rare: OpenOrderRare | undefined;
};

/** An open order's fields that most orders never set, together. */
export type OpenOrderRare = {
  /** A partner's delay report, until a newer milestone scan shows the parcel moving again. */
  partnerDelay: { reason: DelayReason; at: Instant } | undefined;
  /** The hand-over deadline's feature read at the first forecast, and the hand-over median it was read against (with that feature on). */
  handOver: { lead: number | null; spread: ForecastSpread | undefined } | undefined;
  /** The first forecast shown in each stage, at the nominal levels: the delivery's PIT is read on it (WindowLevels, when calibrated). */
  stageShown: Partial<Record<EtaStage, ForecastSpread>> | undefined;
};

/** An open order as kept before its rare fields were grouped (session 12): each of them a field of its own. */
export type FlatOpenOrder = Omit<OpenOrder, 'rare'> & OpenOrderRare;

/** Sets one of the order's rare fields: the group is made when the first is set and dropped when the last is cleared. */
export function setRare<K extends keyof OpenOrderRare>(o: OpenOrder, key: K, value: OpenOrderRare[K]): void {
  if (!o.rare) {
    if (value === undefined) return;
    o.rare = { partnerDelay: undefined, handOver: undefined, stageShown: undefined };
  }
  o.rare[key] = value;
  const r = o.rare;
  if (!r.partnerDelay && !r.handOver && !r.stageShown) o.rare = undefined;
}

/** A delay the system predicted: its date and cause, and newsVersion when raised (later partner news: the parcel was heard of since). */
export type ActiveDelay = { expected: CalendarDate; reason: PredictedDelayCause; newsVersion: number | undefined };

/**
 * An open order as states saved before its numbers were packed kept it: ISO instants, flat delay fields, the
 * stage spreads in an array of 8 or an object per stage, and (earlier still) the whole latest `prediction`.
 */
export type FormerOpenOrder = {
  orderId: string;
  version: number;
  newsVersion: number;
  placedAt: Instant;
  promisedBy: CalendarDate;
  route: EtaRoute;
  stage: EtaStage;
  stageStartedAt: Instant;
  statusAt: Instant;
  lastNewsAt: Instant;
  delayActive: boolean;
  delayExpected?: CalendarDate;
  delayReason?: PredictedDelayCause;
  delayNewsVersion?: number;
  partnerDelay?: { reason: DelayReason; at: Instant };
  promiseBroken: boolean;
  announcedExpected?: CalendarDate;
  /** The latest forecast: its days and numbers, or, earlier, the whole `prediction`. */
  forecast?: KeptForecast & ForecastNumbers;
  prediction?: EtaPrediction;
  written?: KeptDates;
  stageSpreads?: readonly (number | null)[] | Partial<Record<EtaStage, ForecastSpread>>;
  placementLead?: number | null;
  handOverBy?: Instant;
  handOverLead?: number | null;
  stageShown?: Partial<Record<EtaStage, ForecastSpread>>;
  handOverSpread?: ForecastSpread;
  /** What the parcel is (OrderPlaced; absent in older events): features of the joint model. */
  itemCount?: number;
  priceTotal?: number;
  freightTotal?: number;
};

/**
 * An open order as saved: as kept, its numbers from `at` in the state's `orderNumbers` (since the slab); with its
 * numbers in an array of its own (session 10); or in a former shape (whose readings `stageJoint`, saved by session
 * 10's first joint model, are ignored: the joint model reads its features again when needed).
 */
export type SavedOpenOrder = OpenOrder | FlatOpenOrder | (Omit<FlatOpenOrder, 'at'> & { numbers: readonly (number | null)[] }) | FormerOpenOrder;

/**
 * The open orders by order id, their numbers in one slab. What the projection folds into and saves: `saved()` and
 * `numbers.values` up to `numbers.length` are the state, `restore` reads them back (or an order saved in any
 * earlier shape).
 */
export class OpenOrders {
  private readonly byId = new Map<string, OpenOrder>();
  readonly numbers = new OrderNumberSlab();

  get size(): number {
    return this.byId.size;
  }

  get(orderId: string): OpenOrder | undefined {
    return this.byId.get(orderId);
  }

  has(orderId: string): boolean {
    return this.byId.has(orderId);
  }

  values(): IterableIterator<OpenOrder> {
    return this.byId.values();
  }

  keys(): IterableIterator<string> {
    return this.byId.keys();
  }

  /** Opens an order (its slot already taken from `numbers`). */
  add(o: OpenOrder): void {
    this.byId.set(o.orderId, o);
  }

  /** Closes an order: its numbers stay readable until the next order opens. */
  delete(o: OpenOrder): void {
    this.byId.delete(o.orderId);
    this.numbers.release(o.at);
  }

  /** One of the order's numbers (an index from open-order-numbers). */
  number(o: OpenOrder, i: number): number {
    return this.numbers.values[o.at + i];
  }

  /** The orders as saved (the kept objects themselves: their `at` into `savedNumbers()`). */
  saved(): OpenOrder[] {
    return [...this.byId.values()];
  }

  /** The numbers as saved: a copy of the slab's part in use. */
  savedNumbers(): Float64Array {
    return this.numbers.values.slice(0, this.numbers.length);
  }

  /**
   * The orders of a saved state, any shape, into these (empty) open orders. Saved since the slab (`orderNumbers`):
   * every order keeps its `at`, and the slots none holds are free again.
   */
  restoreAll(saved: readonly SavedOpenOrder[], orderNumbers?: SavedNumbers): void {
    if (this.byId.size !== 0) throw new Error('restoreAll() is for empty open orders');
    if (orderNumbers) this.numbers.load(orderNumbers);
    const held = new Set<number>();
    for (const s of saved) {
      if (!('at' in s)) {
        this.restore(s);
        continue;
      }
      if (!orderNumbers || s.at + COUNT > this.numbers.length) throw new Error(`ETA state: no numbers for order ${s.orderId}`);
      this.restored(s, s.at);
      held.add(s.at);
    }
    if (orderNumbers) this.numbers.freeAllBut(held);
  }

  /** An order saved with its numbers in an array of its own (session 10) or in a former shape, in a slot of its own. */
  restore(s: Exclude<SavedOpenOrder, OpenOrder | FlatOpenOrder>): OpenOrder {
    return 'numbers' in s ? this.restored(s, this.numbers.restore(s.numbers)) : this.restore(fromFormer(s));
  }

  /**
   * A literal naming every field, so they all sit in the object: a deserialised object (or a spread copy) keeps
   * four there and the rest in a property array, larger and slower to read. Routes and days are shared again.
   */
  private restored(s: Omit<OpenOrder, 'at'> | Omit<FlatOpenOrder, 'at'>, at: number): OpenOrder {
    const r: Partial<OpenOrderRare> = ('rare' in s ? s.rare : s) ?? {}; // grouped, or each field flat as saved before
    const forecast = s.forecast && keptForecast({ ...s.forecast, window: s.forecast });
    const o: OpenOrder = {
      orderId: s.orderId,
      version: s.version,
      newsVersion: s.newsVersion,
      promisedBy: sharedDay(s.promisedBy),
      route: sharedRoute(s.route),
      stage: s.stage,
      promiseBroken: s.promiseBroken,
      announcedExpected: s.announcedExpected && sharedDay(s.announcedExpected),
      forecast,
      // usually the forecast's own dates: one object again
      written: s.written && (forecast && sameKeptDates(s.written, forecast) ? forecast : keptDates({ ...s.written, window: s.written })),
      at,
      delay: s.delay && { expected: sharedDay(s.delay.expected), reason: s.delay.reason, newsVersion: s.delay.newsVersion },
      rare: undefined,
    };
    setRare(o, 'partnerDelay', r.partnerDelay);
    setRare(o, 'handOver', r.handOver);
    setRare(o, 'stageShown', r.stageShown);
    this.add(o);
    return o;
  }
}

/** A former order in the shape saved with its numbers in an array of its own. */
function fromFormer(s: FormerOpenOrder): Omit<FlatOpenOrder, 'at'> & { numbers: number[] } {
  const numbers = orderNumbers(Date.parse(s.placedAt), s.handOverBy === undefined ? NaN : Date.parse(s.handOverBy), s);
  numbers[STAGE_STARTED] = Date.parse(s.stageStartedAt);
  numbers[STATUS] = Date.parse(s.statusAt);
  numbers[LAST_NEWS] = Date.parse(s.lastNewsAt);
  if (s.placementLead !== undefined) setPlacementLead(numbers, s.placementLead);
  setSavedStageSpreads(numbers, s.stageSpreads);
  const latest = s.forecast ?? (s.prediction && { ...keptForecast(s.prediction), ...forecastNumbers(s.prediction, Date.parse(s.prediction.predictedAt)) });
  if (latest) setForecastNumbers(numbers, latest.confidence, latest.nextEventDueMs, latest.predictedAtMs);
  const delay = s.delayActive ? { expected: s.delayExpected!, reason: s.delayReason!, newsVersion: s.delayNewsVersion } : undefined;
  const handOver = s.handOverLead !== undefined ? { lead: s.handOverLead, spread: s.handOverSpread } : undefined;
  const { announcedExpected, written, partnerDelay, stageShown } = s;
  return { ...s, announcedExpected, forecast: latest, written, numbers, delay, partnerDelay, handOver, stageShown };
}

/** One string per calendar day: a day read from an event is otherwise a string of its own (32 B) in every order. */
const days = new InternTable<CalendarDate>();
export function sharedDay(day: CalendarDate): CalendarDate {
  return days.intern(day, () => day);
}

/**
 * What the learner holds an open order's parcel under: its slot in the numbers (unique among open orders, given
 * again only after the order closed and its parcel ended), not its id: the learner's keys by number cost an array
 * of 4 B a slot instead of a second Map of a million ids.
 */
export function parcelKeyOf(at: number): number {
  return at / COUNT;
}

export type FoldResult = 'opened' | 'moved' | 'system' | 'closed' | 'ignored';

/**
 * Folds one recorded event into the open orders and teaches the learner each stage duration
 * the moment the stage completes (hand-over, delivery). Events of a closed or unknown order are
 * ignored; a replayed event (version already folded) is ignored too, so nothing is learned twice.
 * The learner is taught on the model's time axis (`time`: business or calendar days).
 */
export function foldOpenOrder(orders: OpenOrders, learner: EtaLearner, e: RecordedEvent<OrderEvent>, time: ModelTime = CALENDAR_TIME): FoldResult {
  if (e.type === 'OrderPlaced') {
    if (orders.has(e.data.orderId) || e.streamVersion !== 1) return 'ignored';
    const d = e.data;
    const route = sharedRoute({ origin: d.origin, destination: d.destination, ...(d.sellerId && { seller: d.sellerId }) });
    const placedMs = Date.parse(d.occurredAt);
    const at = orders.numbers.take(placedMs, d.handOverBy === undefined ? NaN : Date.parse(d.handOverBy), d);
    orders.add({
      orderId: d.orderId,
      version: e.streamVersion,
      newsVersion: e.streamVersion,
      promisedBy: sharedDay(d.promisedBy),
      route,
      stage: 'handoff',
      promiseBroken: false,
      announcedExpected: undefined,
      forecast: undefined,
      written: undefined,
      at,
      delay: undefined,
      rare: undefined,
    });
    learner.begin(parcelKeyOf(at), 'handoff', route, time.toModel(placedMs));
    return 'opened';
  }
  const o = orders.get(e.data.orderId);
  if (!o || e.streamVersion <= o.version) return 'ignored';
  o.version = e.streamVersion;
  if (isAftercareEvent(e)) return e.type === 'StorageExpired' ? closeOpenOrder(orders, learner, o) : 'ignored'; // back to the sender: no delivery to forecast
  if (isSystemEvent(e)) {
    foldConclusion(o, e);
    return 'system';
  }
  if (isCustomerActionEvent(e)) return 'ignored'; // a customer's action, or a partner's answer to it, is no news of the parcel
  o.newsVersion = e.streamVersion;
  const at = e.data.occurredAt;
  const atMs = Date.parse(at);
  const n = orders.numbers.values;
  const base = o.at;
  const milestone = MILESTONE_OF[e.type];
  if (e.type === 'DelayReported') setRare(o, 'partnerDelay', { reason: e.data.reason, at });
  else if (milestone && o.rare?.partnerDelay && !isStale(at, o.rare.partnerDelay.at)) setRare(o, 'partnerDelay', undefined);
  if (atMs > n[base + LAST_NEWS]) n[base + LAST_NEWS] = atMs;
  if (milestone && atMs < n[base + STATUS]) return 'moved'; // a late scan (the domain's isStale): kept in history, it neither moves nor closes the order
  if (milestone) n[base + STATUS] = atMs;
  if (e.type === 'HandedToCarrier' && o.stage === 'handoff') {
    learner.observe('handoff', o.route, time.toModel(atMs) - time.toModel(n[base + PLACED]), time.toModel(atMs), parcelKeyOf(o.at));
    o.stage = 'transit';
    n[base + STAGE_STARTED] = atMs;
    if (e.data.carrier) o.route = sharedRoute({ ...o.route, carrier: e.data.carrier });
    learner.begin(parcelKeyOf(o.at), 'transit', o.route, time.toModel(atMs));
  } else if (o.stage === 'handoff' && milestone && isWithCarrier(e.type)) {
    o.stage = 'transit'; // a carrier scan without a hand-over scan: the parcel is moving, but the hand-over time is unknown
    n[base + STAGE_STARTED] = atMs;
    learner.end(parcelKeyOf(o.at)); // neither stage's duration is known exactly: no censored evidence either
  }
  if (milestone && TERMINAL.has(milestone)) {
    if (e.type === 'Delivered' && o.stage === 'transit' && n[base + STAGE_STARTED] !== atMs) {
      learner.observe('transit', o.route, time.toModel(atMs) - time.toModel(n[base + STAGE_STARTED]), time.toModel(atMs), parcelKeyOf(o.at));
    }
    return closeOpenOrder(orders, learner, o);
  }
  return 'moved';
}

function closeOpenOrder(orders: OpenOrders, learner: EtaLearner, o: OpenOrder): FoldResult {
  learner.end(parcelKeyOf(o.at)); // canceled, lost or returned: it stops being evidence of a long stage
  orders.delete(o);
  return 'closed';
}

/** What the system concluded about the order (its own alerts, revisions, broken promise). */
export function foldConclusion(o: OpenOrder, e: SystemEvent): void {
  switch (e.type) {
    case 'DelayPredicted':
      o.delay = { expected: sharedDay(e.data.newExpected), reason: e.data.reason, newsVersion: o.newsVersion };
      o.announcedExpected = o.delay.expected;
      return;
    case 'DelayCleared':
      o.delay = undefined;
      o.announcedExpected = sharedDay(e.data.newExpected);
      return;
    case 'PromiseBroken':
      o.promiseBroken = true;
      return;
    case 'EtaRevised':
      o.announcedExpected = sharedDay(e.data.newExpected);
      return;
  }
}

function isWithCarrier(type: OrderEvent['type']): boolean {
  return type === 'InTransit' || type === 'OutForDelivery' || type === 'DeliveryAttemptFailed' || type === 'ArrivedAtPickupPoint';
}
