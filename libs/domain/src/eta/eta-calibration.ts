import type { EtaStage } from './eta-route';

/** A forecast's median and 80% window on the model's time axis (made at atMs), kept to score it once the parcel arrives. */
export type ForecastSpread = Readonly<{ atMs: number; lowerMs: number; medianMs: number; upperMs: number }>;

export type EtaCalibrationSnapshot = Partial<Record<EtaStage, number[]>> & { pending?: Pending[] };
type Pending = { stage: EtaStage; atMs: number; residual: number };

/** A window side narrower than this is scaled as if it were this wide: a tiny spread would blow residuals up. */
const MIN_SIDE_MS = 43_200_000;
/** Residuals needed before they are trusted over the model's own spread. */
const MIN_RESIDUALS = 50;
/**
 * A forecast is scored only once the forecasts made with it are this old (model time): the parcels
 * delivered lately are the quick ones of their cohort (the slow ones are still on the road), so
 * residuals taken as deliveries come would say the model is too cautious. After a month nearly all of a
 * cohort that will arrive has arrived.
 */
const MATURE_MS = 30 * 86_400_000;
const SETTLE_EVERY_MS = 86_400_000;

/**
 * Calibration of the "by" day and the window on the residuals of the last deliveries (online,
 * past only). A residual is where the delivery fell relative to the forecast first made for the
 * stage, in units of that forecast's own spread: (actual - median) / (upper - median) when late,
 * / (median - lower) when early. For a calibrated model the 0.9 quantile of these residuals is 1
 * and the 0.1 quantile -1. A forecast's level q is then read as median + r_q * side, r_q the
 * q-quantile of the recent residuals: each side of the window is stretched or shrunk by what the
 * last deliveries showed, and the model keeps telling which parcels are more uncertain than others.
 * Residuals enter the window by cohort, once mature (MATURE_MS), not as deliveries come.
 */
export class EtaCalibration {
  private readonly residuals: Record<EtaStage, number[]> = { handoff: [], transit: [] };
  private readonly next: Record<EtaStage, number> = { handoff: 0, transit: 0 };
  private readonly sorted: Partial<Record<EtaStage, Float64Array>> = {};
  /** Residuals of forecasts not yet mature, in delivery order. */
  private pending: Pending[] = [];
  private settleAfterMs = Number.NEGATIVE_INFINITY;

  /** `deliveries`: how many recent residuals per stage are kept (0 turns calibration off). */
  constructor(readonly deliveries: number) {}

  /** A parcel arrived at `actualMs` (model time); `forecast` was the first one made for `stage`. */
  record(stage: EtaStage, forecast: ForecastSpread, actualMs: number): void {
    if (this.deliveries <= 0) return;
    this.pending.push({ stage, atMs: forecast.atMs, residual: residualOf(forecast, actualMs) });
    if (actualMs < this.settleAfterMs) return; // once a model day is enough: cohorts are a month wide
    this.settleAfterMs = actualMs + SETTLE_EVERY_MS;
    const matureBefore = actualMs - MATURE_MS;
    const still: Pending[] = [];
    for (const p of this.pending.sort((a, b) => a.atMs - b.atMs)) {
      if (p.atMs > matureBefore) still.push(p);
      else {
        this.push(p.stage, p.residual);
        this.sorted[p.stage] = undefined;
      }
    }
    this.pending = still;
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
    return { handoff: ordered('handoff'), transit: ordered('transit'), pending: [...this.pending] };
  }

  static restore(snapshot: EtaCalibrationSnapshot | undefined, deliveries: number): EtaCalibration {
    const out = new EtaCalibration(deliveries);
    for (const stage of ['handoff', 'transit'] as const) {
      for (const r of (snapshot?.[stage] ?? []).slice(-Math.max(deliveries, 0))) out.push(stage, r);
    }
    if (deliveries > 0) out.pending = [...(snapshot?.pending ?? [])];
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
