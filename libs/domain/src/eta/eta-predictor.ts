import type { CalendarDate, Instant } from '../shared/event';
import { conditionOnElapsed, convolve, type Distribution, quantileDays } from './duration-distribution';
import type { EtaLearner } from './eta-learner';
import type { EtaRoute, EtaStage } from './eta-route';
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
  let remaining: Distribution = conditionOnElapsed(current.dist, elapsedDays);
  let support = current.support;
  if (order.stage === 'handoff') {
    const transit = learner.estimate('transit', order.route, nowMs);
    remaining = convolve(remaining, transit.dist);
    support = Math.min(support, transit.support);
  }
  const day = (q: number): CalendarDate => localDateOf(nowMs + quantileDays(remaining, q) * MS_PER_DAY, cfg.timeZone);
  const dueMs = startedMs + quantileDays(current.dist, cfg.overdueQuantile) * MS_PER_DAY;
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
