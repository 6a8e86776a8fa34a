import type { CalendarDate, Instant } from '../shared/event';
import type { EtaCalibration, ForecastSpread } from './eta-calibration';
import type { EtaLearner } from './eta-learner';
import type { EtaModelConfig } from './eta-model.config';
import { LeadFeature } from './lead-feature';
import type { EtaEffects } from './eta-effects';
import type { JointEtaModel, JointReading } from './joint-eta-model';
import type { EtaRoute, EtaStage } from './eta-route';
import type { WindowLevels } from './window-levels';
import { CALENDAR_TIME, type ModelTime } from './model-time';
import type { Distribution } from './duration-distribution';
import { overdueDays, remainingQuantilesDays } from './remaining-time';
import type { MassInterval } from './shortest-interval';
import { endOfLocalDay, localDateOf, MS_PER_DAY } from './zoned-time';

/** Where an open order stands: which stage it is in and since when. */
export type EtaOrderFacts = Readonly<{
  route: EtaRoute;
  stage: EtaStage;
  stageStartedAt: Instant;
  /** The merchant's promised day: its lead against the model's median is a feature (LeadFeature). */
  promisedBy?: CalendarDate;
  /** The promise feature read at the order's first forecast (kept, so every forecast and the scoring use the same); null: none. */
  lead?: number | null;
  /** The seller's deadline to hand the parcel over; read, like the promise, against the model's median at placement. */
  handOverBy?: Instant;
  /** The hand-over deadline's feature read at the order's first forecast; null: none. */
  handOverLead?: number | null;
  /** The first forecast's own hand-over median (handOverSpread below), against which handOverLead was read. */
  handOverSpread?: ForecastSpread;
  /** What the parcel is: item count, value and freight (OrderPlaced), features of the joint model. */
  itemCount?: number;
  priceTotal?: number;
  freightTotal?: number;
  /** The joint model's reading of the current stage's first forecast (kept, so every forecast and the scoring use the same). */
  joint?: JointReading;
}>;

/** Estimators a forecast may lean on besides the learner; each is optional. */
export type EtaAdjusters = Readonly<{
  calibration?: EtaCalibration;
  promiseLead?: LeadFeature;
  handOverLead?: LeadFeature;
  effects?: EtaEffects;
  windowLevels?: WindowLevels;
  joint?: JointEtaModel;
}>;

export type EtaPrediction = Readonly<{
  expected: CalendarDate;
  by: CalendarDate;
  window: { earliest: CalendarDate; latest: CalendarDate };
  /** Delivery before this day is unlikely (the likelyQuantile, 1/3): after the promise, the promise is likely broken. */
  likelyNotBefore: CalendarDate;
  confidence: number;
  stage: EtaStage;
  /** When the current stage should have ended at the latest (its overdue quantile): news is due by then. */
  nextEventDueBy: Instant;
  /** The same instant in epoch ms. */
  nextEventDueMs: number;
  predictedAt: Instant;
  /** The days the model counts stage durations in: business days skip weekends and holidays. */
  days: ModelTime['days'];
  /** The model's own median and window (before calibration), on its time axis: what a delivery is scored against. */
  spread: ForecastSpread;
  /** The promise's lead feature used (LeadFeature.leadOf); null when the promise had no lead left. */
  lead?: number | null;
  /** The hand-over deadline's feature used; null when the deadline had no lead left (or lay beyond the promise). */
  handOverLead?: number | null;
  /** The hand-over alone (its median, model time), read with the deadline: the hand-over is scored against it. */
  handOverSpread?: ForecastSpread;
  /** The forecast as shown (features applied) at the nominal 0.1 / 0.5 / 0.9 levels: a delivery's PIT is read on it (WindowLevels). */
  shown?: ForecastSpread;
  /** The joint model's reading of this stage's first forecast (JointEtaModel), when read by this one. */
  joint?: JointReading;
}>;

/** Mass left out of the convolution's spread (see convolve): the widest quantile read is 0.95, far below 1 - 2e-4. */
const SPREAD_TAIL = 1e-4;
/** The quantiles' days of one forecast: they never outlive predictEta (single-threaded), so the array is reused. */
const DAYS: number[] = [];
/** The shortest window of one forecast, reused likewise. */
const WINDOW: MassInterval = { lowLevel: 0, highLevel: 0, lowDays: 0, highDays: 0 };

/** WINDOW at an equal-tailed interval's levels, before its days are read. */
function windowAt([low, high]: readonly [number, number]): MassInterval {
  WINDOW.lowLevel = low;
  WINDOW.highLevel = high;
  return WINDOW;
}

/** The quantiles a forecast reads, ascending, once per configuration. */
const QUANTILES = new WeakMap<EtaModelConfig, { sorted: number[] }>();
function quantilesOf(cfg: EtaModelConfig): { sorted: number[] } {
  let q = QUANTILES.get(cfg);
  if (!q) {
    const all = [cfg.expectedQuantile, cfg.byQuantile, cfg.windowQuantiles[0], cfg.windowQuantiles[1], cfg.likelyQuantile];
    QUANTILES.set(cfg, (q = { sorted: [...new Set(all)].sort((a, b) => a - b) }));
  }
  return q;
}

/**
 * Forecast for an open order at `now`. The current stage's duration is conditioned on the time
 * already spent in it, then (before hand-over) added to the transit duration; quantiles of
 * that remaining time, added to `now` on the model's time axis (`time`: business or calendar
 * days, the one the learner was taught on), become calendar days in the customer's zone.
 */
export function predictEta(
  learner: EtaLearner,
  order: EtaOrderFacts,
  now: Instant,
  time: ModelTime = CALENDAR_TIME,
  { calibration, promiseLead, handOverLead, effects, windowLevels, joint }: EtaAdjusters = {},
): EtaPrediction {
  const cfg = learner.config;
  const nowMs = time.toModel(Date.parse(now));
  const startedMs = time.toModel(Date.parse(order.stageStartedAt));
  const current = learner.estimate(order.stage, order.route, nowMs);
  const elapsedDays = Math.max(0, nowMs - startedMs) / MS_PER_DAY;
  const win = windowLevels ? windowLevels.windowOf(order.stage, cfg.windowQuantiles) : cfg.windowQuantiles;
  const qs = win === cfg.windowQuantiles ? quantilesOf(cfg) : { sorted: [...new Set([...quantilesOf(cfg).sorted, ...win])].sort((a, b) => a - b) };
  let support = current.support;
  let days: number[];
  const shortest = cfg.window === 'shortest' ? windowAt(win) : undefined;
  if (order.stage === 'handoff') {
    // the time left to hand over, then the transit (convolved as convolve does, the tail trimmed)
    const transit = learner.estimate('transit', order.route, nowMs);
    days = remainingQuantilesDays(current.dist, elapsedDays, qs.sorted, DAYS, { dist: transit.dist, tail: SPREAD_TAIL }, shortest);
    support = Math.min(support, transit.support);
  } else days = remainingQuantilesDays(current.dist, elapsedDays, qs.sorted, DAYS, undefined, shortest);
  const placement = order.stage === 'handoff';
  // the seller's hand-over deadline scales the hand-over alone; the days it adds or takes move the whole forecast,
  // and the features below learn what it left (read against the moved median, they do not count it twice)
  const handOver =
    handOverLead && placement && order.handOverBy !== undefined ? handOverOf(order, current.dist, elapsedDays, nowMs, time, cfg.timeZone) : undefined;
  const shiftDays = handOver?.lead != null ? (handOverLead!.factor(handOver.lead) - 1) * handOver.medianDays : 0;
  if (shiftDays !== 0) for (let n = 0; n < qs.sorted.length; n++) days[n] = Math.max(0, days[n] + shiftDays);
  const model = (q: number): number => nowMs + days[qs.sorted.indexOf(q)] * MS_PER_DAY;
  const spread = { atMs: nowMs, lowerMs: model(cfg.windowQuantiles[0]), medianMs: model(cfg.expectedQuantile), upperMs: model(cfg.windowQuantiles[1]) };
  // features beside the learner's groups scale the remaining time: the promise's lead (at placement), the seller's and city's effects
  const lead = promiseLead && placement && order.promisedBy !== undefined ? leadOf(order, spread, time, cfg.timeZone) : undefined;
  const layers =
    cfg.jointModel === 'replace'
      ? 1
      : (lead !== undefined ? promiseLead!.factor(lead ?? undefined) : 1) * (effects ? effects.factor(order.stage, order.route, nowMs) : 1);
  // the joint model on every feature at once: instead of the layers, or on what they left (its reading is the stage's first)
  const reading = joint && (order.joint ?? jointReadingOf(joint, order, spread, nowMs, time, cfg, effects, Math.log(layers)));
  const factor = reading ? layers * joint!.factor(order.stage, reading) : layers;
  // what the features explain is no longer spread: each quantile's log distance to the median shrinks (JointEtaModel.spreadScale)
  const keep = reading && cfg.jointSpread ? joint!.spreadScale(order.stage) : 1;
  const medianDays = keep === 1 ? 0 : days[qs.sorted.indexOf(cfg.expectedQuantile)];
  const rawDays = !(medianDays > 0)
    ? (d: number): number => nowMs + d * factor * MS_PER_DAY
    : (d: number): number => nowMs + medianDays * Math.pow(d / medianDays, keep) * factor * MS_PER_DAY;
  const raw = factor === 1 && keep === 1 ? model : (q: number): number => rawDays(days[qs.sorted.indexOf(q)]);
  const dayOf = (ms: number): CalendarDate => localDateOf(time.fromModel(ms), cfg.timeZone);
  const day = (q: number): CalendarDate => dayOf(raw(q));
  // the forecast as shown (features applied) at the nominal levels: what the calibration scales and WindowLevels reads a PIT on
  const scaled =
    (factor === 1 && keep === 1) || !(calibration || windowLevels)
      ? spread
      : { atMs: nowMs, lowerMs: raw(cfg.windowQuantiles[0]), medianMs: raw(cfg.expectedQuantile), upperMs: raw(cfg.windowQuantiles[1]) };
  // the promise and the window, stretched or shrunk by how the last deliveries fell against their forecasts
  const calibratedMs = (q: number, ms: number): number => (calibration ? calibration.quantileMs(order.stage, scaled, q, ms) : ms);
  const calibrated = (q: number): CalendarDate => dayOf(calibratedMs(q, raw(q)));
  // the shortest window's ends, moved by the deadline's days as every quantile was
  const end = (d: number): number => rawDays(shiftDays !== 0 ? Math.max(0, d + shiftDays) : d);
  const window = shortest
    ? win === cfg.windowQuantiles
      ? { earliest: dayOf(calibratedMs(shortest.lowLevel, end(shortest.lowDays))), latest: dayOf(calibratedMs(shortest.highLevel, end(shortest.highDays))) }
      : { earliest: dayOf(end(shortest.lowDays)), latest: dayOf(end(shortest.highDays)) }
    : win === cfg.windowQuantiles
      ? { earliest: calibrated(cfg.windowQuantiles[0]), latest: calibrated(cfg.windowQuantiles[1]) }
      : { earliest: day(win[0]), latest: day(win[1]) };
  const due = new Date(time.fromModel(startedMs + overdueDays(current.dist, cfg.overdueQuantile) * MS_PER_DAY));
  return {
    expected: day(cfg.expectedQuantile),
    by: calibrated(cfg.byQuantile),
    window,
    likelyNotBefore: day(cfg.likelyQuantile),
    confidence: Math.round(learner.confidenceOf(support) * 1000) / 1000,
    stage: order.stage,
    nextEventDueBy: due.toISOString(),
    nextEventDueMs: due.getTime(),
    predictedAt: now,
    days: time.days,
    spread,
    ...(lead !== undefined && { lead }),
    ...(handOver !== undefined && { handOverLead: handOver.lead, handOverSpread: handOver.spread }),
    ...(windowLevels && { shown: scaled }),
    ...(reading && !order.joint && { joint: reading }),
  };
}

/** The joint model's features at a stage's first forecast: the leads against its median, the effects now, the parcel. */
function jointReadingOf(
  joint: JointEtaModel,
  order: EtaOrderFacts,
  spread: ForecastSpread,
  nowMs: number,
  time: ModelTime,
  { timeZone, promiseLead }: EtaModelConfig,
  effects: EtaEffects | undefined,
  offset: number,
): JointReading {
  const promiseEnd = order.promisedBy !== undefined ? endOfLocalDay(order.promisedBy, timeZone) : undefined;
  const deadlineMs = order.stage === 'handoff' && order.handOverBy !== undefined ? Date.parse(order.handOverBy) : undefined;
  const deadline = deadlineMs !== undefined && (promiseEnd === undefined || deadlineMs <= promiseEnd) ? deadlineMs : undefined; // beyond the promise: none
  const keyed = effects ? effects.keyEffects(order.stage, order.route, nowMs) : { seller: 0, city: 0 };
  return joint.reading(
    order.stage,
    {
      promiseLead: promiseLead && promiseEnd !== undefined ? LeadFeature.leadOf(spread, time.toModel(promiseEnd)) : undefined,
      deadlineLead: deadline !== undefined ? LeadFeature.leadOf(spread, time.toModel(deadline)) : undefined,
      sellerEffect: keyed.seller,
      cityEffect: keyed.city,
      startedMs: Date.parse(order.stageStartedAt),
      timeZone,
      itemCount: order.itemCount,
      priceTotal: order.priceTotal,
      freightTotal: order.freightTotal,
    },
    offset,
  );
}

/** The placement forecast's promise feature: kept from the stage's first forecast, else read now (null: none). */
function leadOf(order: EtaOrderFacts, spread: ForecastSpread, time: ModelTime, timeZone: string): number | null {
  if (order.lead !== undefined) return order.lead;
  return LeadFeature.leadOf(spread, time.toModel(endOfLocalDay(order.promisedBy!, timeZone))) ?? null;
}

/** The hand-over's own remaining median (days) of a placement forecast. */
const HANDOFF_MEDIAN = [0.5];
const HANDOFF_DAYS: number[] = [];

/**
 * The hand-over deadline's feature at a placement forecast, against the hand-over's own median: kept
 * from the stage's first forecast (with the spread it was read against), else read now (lead null: none).
 * A deadline beyond the promised day is no deadline (some rows' lie years ahead; the replay's cancellations read it so too).
 */
function handOverOf(
  order: EtaOrderFacts,
  handoff: Distribution,
  elapsedDays: number,
  nowMs: number,
  time: ModelTime,
  timeZone: string,
): { lead: number | null; spread: ForecastSpread; medianDays: number } {
  const medianDays = remainingQuantilesDays(handoff, elapsedDays, HANDOFF_MEDIAN, HANDOFF_DAYS)[0];
  const medianMs = nowMs + medianDays * MS_PER_DAY;
  const spread = order.handOverSpread ?? { atMs: nowMs, lowerMs: medianMs, medianMs, upperMs: medianMs };
  if (order.handOverLead !== undefined) return { lead: order.handOverLead, spread, medianDays };
  const deadlineMs = Date.parse(order.handOverBy!);
  const beyond = order.promisedBy !== undefined && deadlineMs > endOfLocalDay(order.promisedBy, timeZone);
  return { lead: beyond ? null : (LeadFeature.leadOf(spread, time.toModel(deadlineMs)) ?? null), spread, medianDays };
}
