import type { EtaStage } from './eta-route';
import { MatureRing, type MatureRingSnapshot, quantileOf } from './mature-ring';

/** A forecast's median and 80% window on the model's time axis (made at atMs), kept to score it once the parcel arrives. */
export type ForecastSpread = Readonly<{ atMs: number; lowerMs: number; medianMs: number; upperMs: number }>;

export type EtaCalibrationSnapshot = MatureRingSnapshot<'residual'>;

/** A window side narrower than this is scaled as if it were this wide: a tiny spread would blow residuals up. */
const MIN_SIDE_MS = 43_200_000;

/**
 * Calibration of the "by" day and the window on the residuals of the last deliveries (online,
 * past only). A residual is where the delivery fell relative to the forecast first made for the
 * stage, in units of that forecast's own spread: (actual - median) / (upper - median) when late,
 * / (median - lower) when early. For a calibrated model the 0.9 quantile of these residuals is 1
 * and the 0.1 quantile -1. A forecast's level q is then read as median + r_q * side, r_q the
 * q-quantile of the recent residuals: each side of the window is stretched or shrunk by what the
 * last deliveries showed, and the model keeps telling which parcels are more uncertain than others.
 * Residuals enter by cohort, once mature (MatureRing), not as deliveries come.
 */
export class EtaCalibration {
  /** `deliveries`: how many recent residuals per stage are kept (0 turns calibration off). */
  constructor(
    readonly deliveries: number,
    private readonly ring = new MatureRing(deliveries, 'residual'),
  ) {}

  /** A parcel arrived at `actualMs` (model time); `forecast` was the first one made for `stage`. */
  record(stage: EtaStage, forecast: ForecastSpread, actualMs: number): void {
    if (this.deliveries > 0) this.ring.add(stage, forecast.atMs, residualOf(forecast, actualMs), actualMs);
  }

  /** Level `q` of a forecast of `stage` with this spread, in model ms: the model's own quantile until enough deliveries are known. */
  quantileMs(stage: EtaStage, forecast: ForecastSpread, q: number, modelMs: number): number {
    const sorted = this.ring.sorted(stage);
    if (!sorted) return modelMs;
    const r = quantileOf(sorted, q);
    const side = r >= 0 ? forecast.upperMs - forecast.medianMs : forecast.medianMs - forecast.lowerMs;
    return forecast.medianMs + r * Math.max(side, MIN_SIDE_MS);
  }

  snapshot(): EtaCalibrationSnapshot {
    return this.ring.snapshot();
  }

  static restore(snapshot: EtaCalibrationSnapshot | undefined, deliveries: number): EtaCalibration {
    return new EtaCalibration(deliveries, MatureRing.restore(snapshot, deliveries, 'residual'));
  }
}

function residualOf(f: ForecastSpread, actualMs: number): number {
  const off = actualMs - f.medianMs;
  return off / Math.max(off >= 0 ? f.upperMs - f.medianMs : f.medianMs - f.lowerMs, MIN_SIDE_MS);
}
