import type { CalendarDate, Instant } from '../shared/event';
import type { EtaLearner } from './eta-learner';
import type { EtaModelConfig } from './eta-model.config';
import type { EtaRoute, EtaStage } from './eta-route';
import { overdueDays, remainingQuantilesDays } from './remaining-time';
import { localDateOf, MS_PER_DAY } from './zoned-time';

/** Where an open order stands: which stage it is in and since when. */
export type EtaOrderFacts = Readonly<{ route: EtaRoute; stage: EtaStage; stageStartedAt: Instant }>;

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
 * that remaining time, added to `now`, become calendar days in the customer's zone.
 */
export function predictEta(learner: EtaLearner, order: EtaOrderFacts, now: Instant): EtaPrediction {
  const cfg = learner.config;
  const nowMs = Date.parse(now);
  const startedMs = Date.parse(order.stageStartedAt);
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
  const day = (q: number): CalendarDate => localDateOf(nowMs + days[qs.sorted.indexOf(q)] * MS_PER_DAY, cfg.timeZone);
  const dueMs = startedMs + overdueDays(current.dist, cfg.overdueQuantile) * MS_PER_DAY;
  return {
    expected: day(cfg.expectedQuantile),
    by: day(cfg.byQuantile),
    window: { earliest: day(cfg.windowQuantiles[0]), latest: day(cfg.windowQuantiles[1]) },
    likelyNotBefore: day(cfg.likelyQuantile),
    confidence: Math.round(learner.confidenceOf(support) * 1000) / 1000,
    stage: order.stage,
    nextEventDueBy: new Date(dueMs).toISOString(),
    predictedAt: now,
  };
}
