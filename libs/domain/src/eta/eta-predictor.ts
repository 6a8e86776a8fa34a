import type { CalendarDate, Instant } from '../shared/event';
import type { EtaCalibration, ForecastSpread } from './eta-calibration';
import type { EtaLearner } from './eta-learner';
import type { EtaModelConfig } from './eta-model.config';
import { PromiseLead } from './promise-lead';
import type { EtaEffects } from './eta-effects';
import type { EtaRoute, EtaStage } from './eta-route';
import { CALENDAR_TIME, type ModelTime } from './model-time';
import { overdueDays, remainingQuantilesDays } from './remaining-time';
import { endOfLocalDay, localDateOf, MS_PER_DAY } from './zoned-time';

/** Where an open order stands: which stage it is in and since when. */
export type EtaOrderFacts = Readonly<{
  route: EtaRoute;
  stage: EtaStage;
  stageStartedAt: Instant;
  /** The merchant's promised day: its lead against the model's median is a feature (PromiseLead). */
  promisedBy?: CalendarDate;
  /** The promise feature read at the order's first forecast (kept, so every forecast and the scoring use the same); null: none. */
  lead?: number | null;
}>;

/** Estimators a forecast may lean on besides the learner; each is optional. */
export type EtaAdjusters = Readonly<{ calibration?: EtaCalibration; promiseLead?: PromiseLead; effects?: EtaEffects }>;

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
  predictedAt: Instant;
  /** The days the model counts stage durations in: business days skip weekends and holidays. */
  days: ModelTime['days'];
  /** The model's own median and window (before calibration), on its time axis: what a delivery is scored against. */
  spread: ForecastSpread;
  /** The promise's lead feature used (PromiseLead.leadOf); null when the promise had no lead left. */
  lead?: number | null;
}>;

/** Mass left out of the convolution's spread (see convolve): the widest quantile read is 0.95, far below 1 - 2e-4. */
const SPREAD_TAIL = 1e-4;
/** The quantiles' days of one forecast: they never outlive predictEta (single-threaded), so the array is reused. */
const DAYS: number[] = [];

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
  { calibration, promiseLead, effects }: EtaAdjusters = {},
): EtaPrediction {
  const cfg = learner.config;
  const nowMs = time.toModel(Date.parse(now));
  const startedMs = time.toModel(Date.parse(order.stageStartedAt));
  const current = learner.estimate(order.stage, order.route, nowMs);
  const elapsedDays = Math.max(0, nowMs - startedMs) / MS_PER_DAY;
  const qs = quantilesOf(cfg);
  let support = current.support;
  let days: number[];
  if (order.stage === 'handoff') {
    // the time left to hand over, then the transit (convolved as convolve does, the tail trimmed)
    const transit = learner.estimate('transit', order.route, nowMs);
    days = remainingQuantilesDays(current.dist, elapsedDays, qs.sorted, DAYS, { dist: transit.dist, tail: SPREAD_TAIL });
    support = Math.min(support, transit.support);
  } else days = remainingQuantilesDays(current.dist, elapsedDays, qs.sorted, DAYS);
  const model = (q: number): number => nowMs + days[qs.sorted.indexOf(q)] * MS_PER_DAY;
  const spread = { atMs: nowMs, lowerMs: model(cfg.windowQuantiles[0]), medianMs: model(cfg.expectedQuantile), upperMs: model(cfg.windowQuantiles[1]) };
  // features beside the learner's groups scale the remaining time: the promise's lead (at placement), the seller's and city's effects
  const lead = promiseLead && order.stage === 'handoff' && order.promisedBy !== undefined ? leadOf(order, spread, time, cfg.timeZone) : undefined;
  const factor = (lead !== undefined ? promiseLead!.factor(lead ?? undefined) : 1) * (effects ? effects.factor(order.stage, order.route, nowMs) : 1);
  const raw = factor === 1 ? model : (q: number): number => nowMs + days[qs.sorted.indexOf(q)] * factor * MS_PER_DAY;
  const dayOf = (ms: number): CalendarDate => localDateOf(time.fromModel(ms), cfg.timeZone);
  const day = (q: number): CalendarDate => dayOf(raw(q));
  // the promise and the window, stretched or shrunk by how the last deliveries fell against their forecasts
  const scaled =
    !calibration || factor === 1
      ? spread
      : { atMs: nowMs, lowerMs: raw(cfg.windowQuantiles[0]), medianMs: raw(cfg.expectedQuantile), upperMs: raw(cfg.windowQuantiles[1]) };
  const calibrated = (q: number): CalendarDate => dayOf(calibration ? calibration.quantileMs(order.stage, scaled, q, raw(q)) : raw(q));
  const dueMs = time.fromModel(startedMs + overdueDays(current.dist, cfg.overdueQuantile) * MS_PER_DAY);
  return {
    expected: day(cfg.expectedQuantile),
    by: calibrated(cfg.byQuantile),
    window: { earliest: calibrated(cfg.windowQuantiles[0]), latest: calibrated(cfg.windowQuantiles[1]) },
    likelyNotBefore: day(cfg.likelyQuantile),
    confidence: Math.round(learner.confidenceOf(support) * 1000) / 1000,
    stage: order.stage,
    nextEventDueBy: new Date(dueMs).toISOString(),
    predictedAt: now,
    days: time.days,
    spread,
    ...(lead !== undefined && { lead }),
  };
}

/** The placement forecast's promise feature: kept from the stage's first forecast, else read now (null: none). */
function leadOf(order: EtaOrderFacts, spread: ForecastSpread, time: ModelTime, timeZone: string): number | null {
  if (order.lead !== undefined) return order.lead;
  return PromiseLead.leadOf(spread, time.toModel(endOfLocalDay(order.promisedBy!, timeZone))) ?? null;
}
