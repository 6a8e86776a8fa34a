import type { EtaStage } from './eta-route';

/** A forecast's median and 80% window on the model's time axis, kept to score it once the parcel arrives. */
export type ForecastSpread = Readonly<{ lowerMs: number; medianMs: number; upperMs: number }>;

export type EtaCalibrationSnapshot = Partial<Record<EtaStage, number[]>>;

/** A window side narrower than this is scaled as if it were this wide: a tiny spread would blow residuals up. */
const MIN_SIDE_MS = 43_200_000;
/** Residuals needed before they are trusted over the model's own spread. */
const MIN_RESIDUALS = 50;

/**
 * Calibration of the "by" day and the window on the residuals of the last deliveries (online,
 * past only). A residual is where the delivery fell relative to the forecast first made for the
 * stage, in units of that forecast's own spread: (actual - median) / (upper - median) when late,
 * / (median - lower) when early. For a calibrated model the 0.9 quantile of these residuals is 1
 * and the 0.1 quantile -1. A forecast's level q is then read as median + r_q * side, r_q the
 * q-quantile of the recent residuals: each side of the window is stretched or shrunk by what the
 * last deliveries showed, and the model keeps telling which parcels are more uncertain than others.
 */
export class EtaCalibration {
  private readonly residuals: Record<EtaStage, number[]> = { handoff: [], transit: [] };
  private readonly next: Record<EtaStage, number> = { handoff: 0, transit: 0 };
  private readonly sorted: Partial<Record<EtaStage, Float64Array>> = {};

  /** `deliveries`: how many recent residuals per stage are kept (0 turns calibration off). */
  constructor(readonly deliveries: number) {}

  /** A parcel arrived at `actualMs` (model time); `forecast` was the first one made for `stage`. */
  record(stage: EtaStage, forecast: ForecastSpread, actualMs: number): void {
    if (this.deliveries <= 0) return;
    this.push(stage, residualOf(forecast, actualMs));
    this.sorted[stage] = undefined;
  }

  /** Level `q` of a forecast of `stage` with this spread, in model ms: the model's own quantile until enough deliveries are known. */
  quantileMs(stage: EtaStage, forecast: ForecastSpread, q: number, modelMs: number): number {
    const kept = this.residuals[stage];
    if (kept.length < MIN_RESIDUALS) return modelMs;
    const sorted = (this.sorted[stage] ??= Float64Array.from(kept).sort());
    const r = quantileOf(sorted, q);
    const side = r >= 0 ? forecast.upperMs - forecast.medianMs : forecast.medianMs - forecast.lowerMs;
    return forecast.medianMs + r * Math.max(side, MIN_SIDE_MS);
  }

  snapshot(): EtaCalibrationSnapshot {
    const ordered = (stage: EtaStage): number[] => {
      const kept = this.residuals[stage];
      return kept.length < this.deliveries ? [...kept] : [...kept.slice(this.next[stage]), ...kept.slice(0, this.next[stage])];
    };
    return { handoff: ordered('handoff'), transit: ordered('transit') };
  }

  static restore(snapshot: EtaCalibrationSnapshot | undefined, deliveries: number): EtaCalibration {
    const out = new EtaCalibration(deliveries);
    for (const stage of ['handoff', 'transit'] as const) {
      for (const r of (snapshot?.[stage] ?? []).slice(-Math.max(deliveries, 0))) out.push(stage, r);
    }
    return out;
  }

  private push(stage: EtaStage, r: number): void {
    const kept = this.residuals[stage];
    if (kept.length < this.deliveries) kept.push(r);
    else kept[this.next[stage]] = r;
    this.next[stage] = (this.next[stage] + 1) % this.deliveries;
  }
}

function residualOf(f: ForecastSpread, actualMs: number): number {
  const off = actualMs - f.medianMs;
  return off / Math.max(off >= 0 ? f.upperMs - f.medianMs : f.medianMs - f.lowerMs, MIN_SIDE_MS);
}

/** Linear interpolation between order statistics (type 7). */
function quantileOf(sorted: Float64Array, q: number): number {
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}
