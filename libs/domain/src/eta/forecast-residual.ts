import type { ForecastSpread } from './eta-calibration';

/** A remaining time shorter than half a day is taken as half a day: the logs stay finite. */
const MIN_MS = 43_200_000;
/** Residuals are capped at a factor of two either way: one lost or forgotten parcel must not steer a feature. */
export const MAX_LOG_RESIDUAL = Math.log(2);

/** log(time remaining at `ms` / time remaining at the forecast's median), both from the forecast's instant. */
export function logRatioToMedian(spread: ForecastSpread, ms: number): number {
  return Math.log(Math.max(ms - spread.atMs, MIN_MS) / Math.max(spread.medianMs - spread.atMs, MIN_MS));
}

/** Where a delivery fell against its forecast's median, as a log ratio, capped (MAX_LOG_RESIDUAL). */
export function logResidual(spread: ForecastSpread, actualMs: number): number {
  return Math.max(-MAX_LOG_RESIDUAL, Math.min(MAX_LOG_RESIDUAL, logRatioToMedian(spread, actualMs)));
}

/** exp(x) with x capped like a residual: a feature refines the groups' estimate, it never replaces it. */
export function cappedFactor(logFactor: number): number {
  return Math.exp(Math.max(-MAX_LOG_RESIDUAL, Math.min(MAX_LOG_RESIDUAL, logFactor)));
}
