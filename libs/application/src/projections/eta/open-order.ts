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
import { type KeptDates, type KeptForecast, keptForecast, type StageSpreads, stageSpreadsFrom } from './kept-forecast';

/** The ETA projection's memory of one open order. */
export type OpenOrder = {
  orderId: string;
  /** Stream version last folded: an event at or below it is a replay and changes nothing. */
  version: number;
  /** Stream version of the latest partner news folded: the judge's conclusions are made as of it. */
  newsVersion: number;
  placedAt: Instant;
  promisedBy: CalendarDate;
  route: EtaRoute;
  stage: EtaStage;
  stageStartedAt: Instant;
  /** Time of the milestone the order's status rests on: an older milestone is history, not status (the domain's isStale). */
  statusAt: Instant;
  /** Latest partner time seen: event-driven forecasts are made as of this instant. */
  lastNewsAt: Instant;
  delayActive: boolean;
  delayExpected?: CalendarDate;
  delayReason?: PredictedDelayCause;
  /** newsVersion when the active delay was raised: later partner news means the parcel was heard of since. */
  delayNewsVersion?: number;
  /** A partner's delay report, until a newer milestone scan shows the parcel moving again. */
  partnerDelay?: { reason: DelayReason; at: Instant };
  promiseBroken: boolean;
  announcedExpected?: CalendarDate;
  /** The latest forecast. */
  forecast?: KeptForecast;
  /** The dates last written to its document (usually the forecast's own: `forecast` itself), so a tick rewrites only what changed. */
  written?: KeptDates;
  /** The first forecast's spread in each stage: the delivery is scored against them (calibration). */
  stageSpreads?: StageSpreads;
  /** The promise feature read at the first forecast (LeadFeature); null: the promise had no lead left. */
  placementLead?: number | null;
  /** The seller's hand-over deadline from OrderPlaced (absent in older events). */
  handOverBy?: Instant;
  /** The hand-over deadline's feature read at the first forecast (LeadFeature); null: none. */
  handOverLead?: number | null;
  /** The first forecast shown in each stage, at the nominal levels: the delivery's PIT is read on it (WindowLevels). */
  stageShown?: Partial<Record<EtaStage, ForecastSpread>>;
  /** The first forecast's hand-over median the deadline was read against: the hand-over is scored against it. */
  handOverSpread?: ForecastSpread;
  /** What the parcel is (OrderPlaced; absent in older events): features of the joint model. */
  itemCount?: number;
  priceTotal?: number;
  freightTotal?: number;
};

/**
 * An open order as saved: as above, or, in states saved before, with its whole latest `prediction` and spreads as
 * objects (and, saved by session 10's first joint model, its readings `stageJoint`: ignored, read again when needed).
 */
export type SavedOpenOrder = Omit<OpenOrder, 'stageSpreads'> & {
  prediction?: EtaPrediction;
  stageSpreads?: readonly (number | null)[] | Partial<Record<EtaStage, ForecastSpread>>;
};

/**
 * An open order from a saved state (either shape), sharing its route object again. A literal naming every
 * field, so they all sit in the object: a deserialised object (or a spread copy) keeps four there and the
 * rest in a property array, larger and slower to read.
 */
export function restoredOpenOrder(s: SavedOpenOrder): OpenOrder {
  const o: { [K in keyof Required<OpenOrder>]: OpenOrder[K] } = {
    orderId: s.orderId,
    version: s.version,
    newsVersion: s.newsVersion,
    placedAt: s.placedAt,
    promisedBy: s.promisedBy,
    handOverBy: s.handOverBy,
    route: sharedRoute(s.route),
    stage: s.stage,
    stageStartedAt: s.stageStartedAt,
    statusAt: s.statusAt,
    lastNewsAt: s.lastNewsAt,
    delayActive: s.delayActive,
    promiseBroken: s.promiseBroken,
    announcedExpected: s.announcedExpected,
    forecast: s.forecast ?? (s.prediction && keptForecast(s.prediction, Date.parse(s.prediction.predictedAt))),
    written: s.written,
    stageSpreads: stageSpreadsFrom(s.stageSpreads),
    placementLead: s.placementLead,
    delayExpected: s.delayExpected,
    delayReason: s.delayReason,
    delayNewsVersion: s.delayNewsVersion,
    partnerDelay: s.partnerDelay,
    handOverLead: s.handOverLead,
    stageShown: s.stageShown,
    handOverSpread: s.handOverSpread,
    itemCount: s.itemCount,
    priceTotal: s.priceTotal,
    freightTotal: s.freightTotal,
  };
  return o;
}

export type FoldResult = 'opened' | 'moved' | 'system' | 'closed' | 'ignored';

const later = (a: Instant, b: Instant): Instant => (Date.parse(b) > Date.parse(a) ? b : a);

/**
 * Folds one recorded event into the open orders and teaches the learner each stage duration
 * the moment the stage completes (hand-over, delivery). Events of a closed or unknown order are
 * ignored; a replayed event (version already folded) is ignored too, so nothing is learned twice.
 * The learner is taught on the model's time axis (`time`: business or calendar days).
 */
export function foldOpenOrder(orders: Map<string, OpenOrder>, learner: EtaLearner, e: RecordedEvent<OrderEvent>, time: ModelTime = CALENDAR_TIME): FoldResult {
  const ms = (at: Instant): number => time.toModel(Date.parse(at));
  if (e.type === 'OrderPlaced') {
    if (orders.has(e.data.orderId) || e.streamVersion !== 1) return 'ignored';
    const d = e.data;
    const route = sharedRoute({ origin: d.origin, destination: d.destination, ...(d.sellerId && { seller: d.sellerId }) });
    orders.set(d.orderId, {
      orderId: d.orderId,
      version: e.streamVersion,
      newsVersion: e.streamVersion,
      placedAt: d.occurredAt,
      promisedBy: d.promisedBy,
      ...(d.handOverBy !== undefined && { handOverBy: d.handOverBy }),
      ...(d.itemCount !== undefined && { itemCount: d.itemCount }),
      ...(d.priceTotal !== undefined && { priceTotal: d.priceTotal }),
      ...(d.freightTotal !== undefined && { freightTotal: d.freightTotal }),
      route,
      stage: 'handoff',
      stageStartedAt: d.occurredAt,
      statusAt: d.occurredAt,
      lastNewsAt: d.occurredAt,
      delayActive: false,
      promiseBroken: false,
      // set by its first forecast: named at birth, they sit in the object instead of a property array grown later
      announcedExpected: undefined,
      forecast: undefined,
      written: undefined,
      stageSpreads: undefined,
      placementLead: undefined,
    });
    learner.begin(d.orderId, 'handoff', route, ms(d.occurredAt));
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
  const milestone = MILESTONE_OF[e.type];
  if (e.type === 'DelayReported') o.partnerDelay = { reason: e.data.reason, at };
  else if (milestone && o.partnerDelay && !isStale(at, o.partnerDelay.at)) o.partnerDelay = undefined;
  o.lastNewsAt = later(o.lastNewsAt, at);
  if (milestone && isStale(at, o.statusAt)) return 'moved'; // a late scan: kept in history, it neither moves nor closes the order
  if (milestone) o.statusAt = at;
  if (e.type === 'HandedToCarrier' && o.stage === 'handoff') {
    learner.observe('handoff', o.route, ms(at) - ms(o.placedAt), ms(at), o.orderId);
    o.stage = 'transit';
    o.stageStartedAt = at;
    if (e.data.carrier) o.route = sharedRoute({ ...o.route, carrier: e.data.carrier });
    learner.begin(o.orderId, 'transit', o.route, ms(at));
  } else if (o.stage === 'handoff' && milestone && isWithCarrier(e.type)) {
    o.stage = 'transit'; // a carrier scan without a hand-over scan: the parcel is moving, but the hand-over time is unknown
    o.stageStartedAt = at;
    learner.end(o.orderId); // neither stage's duration is known exactly: no censored evidence either
  }
  if (milestone && TERMINAL.has(milestone)) {
    if (e.type === 'Delivered' && o.stage === 'transit' && o.stageStartedAt !== at) {
      learner.observe('transit', o.route, ms(at) - ms(o.stageStartedAt), ms(at), o.orderId);
    }
    return closeOpenOrder(orders, learner, o);
  }
  return 'moved';
}

function closeOpenOrder(orders: Map<string, OpenOrder>, learner: EtaLearner, o: OpenOrder): FoldResult {
  learner.end(o.orderId); // canceled, lost or returned: it stops being evidence of a long stage
  orders.delete(o.orderId);
  return 'closed';
}

/** What the system concluded about the order (its own alerts, revisions, broken promise). */
export function foldConclusion(o: OpenOrder, e: SystemEvent): void {
  switch (e.type) {
    case 'DelayPredicted':
      Object.assign(o, {
        delayActive: true,
        delayExpected: e.data.newExpected,
        delayReason: e.data.reason,
        announcedExpected: e.data.newExpected,
        delayNewsVersion: o.newsVersion,
      });
      return;
    case 'DelayCleared':
      Object.assign(o, {
        delayActive: false,
        delayExpected: undefined,
        delayReason: undefined,
        delayNewsVersion: undefined,
        announcedExpected: e.data.newExpected,
      });
      return;
    case 'PromiseBroken':
      o.promiseBroken = true;
      return;
    case 'EtaRevised':
      o.announcedExpected = e.data.newExpected;
      return;
  }
}

function isWithCarrier(type: OrderEvent['type']): boolean {
  return type === 'InTransit' || type === 'OutForDelivery' || type === 'DeliveryAttemptFailed' || type === 'ArrivedAtPickupPoint';
}
