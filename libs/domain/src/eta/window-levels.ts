import type { ForecastSpread } from './eta-calibration';
import type { EtaStage } from './eta-route';

export type WindowLevelsSnapshot = Partial<Record<EtaStage, number[]>> & { pending?: Pending[] };
type Pending = { stage: EtaStage; atMs: number; pit: number };

/** PIT values needed before the levels move from the nominal ones. */
const MIN_VALUES = 50;
/** A forecast's PIT is kept only once forecasts of its day are this old: the slow parcels of a cohort arrive last (EtaCalibration). */
const MATURE_MS = 30 * 86_400_000;
const SETTLE_EVERY_MS = 86_400_000;
/** The levels stay on their side of the median, and off the extremes the model's tail cannot tell. */
const LOWEST = 0.01;
const HIGHEST = 0.99;

/**
 * Online calibration of the window's quantile levels toward its nominal coverage, per stage. Each
 * delivery's PIT (the level of its own first forecast at which it fell) is read from that forecast's
 * 0.1 / 0.5 / 0.9 quantiles, linearly between them (0 at the forecast's instant, beyond the 0.9 the
 * tail decays by the upper side's width). If the window covered as it says, 10% of the PITs would fall
 * below 0.1 and 10% above 0.9; the window is instead read at the levels the last deliveries' PITs put
 * there: their 0.1 and 0.9 quantiles (quantile recalibration). Only the window: the "by" day is not moved.
 */
export class WindowLevels {
  private readonly values: Record<EtaStage, number[]> = { handoff: [], transit: [] };
  private readonly next: Record<EtaStage, number> = { handoff: 0, transit: 0 };
  private readonly levels: Partial<Record<EtaStage, readonly [number, number]>> = {};
  private pending: Pending[] = [];
  private settleAfterMs = Number.NEGATIVE_INFINITY;

  /** `deliveries`: how many recent PITs per stage are kept (0 turns it off). */
  constructor(readonly deliveries: number) {}

  /** A parcel arrived at `actualMs` (model time); `forecast` was the first shown for `stage` (its 0.1 / 0.5 / 0.9 days). */
  record(stage: EtaStage, forecast: ForecastSpread, actualMs: number): void {
    if (this.deliveries <= 0) return;
    this.pending.push({ stage, atMs: forecast.atMs, pit: pitOf(forecast, actualMs) });
    if (actualMs < this.settleAfterMs) return;
    this.settleAfterMs = actualMs + SETTLE_EVERY_MS;
    const matureBefore = actualMs - MATURE_MS;
    const still: Pending[] = [];
    for (const p of this.pending) {
      if (p.atMs > matureBefore) still.push(p);
      else {
        this.push(p.stage, p.pit);
        this.levels[p.stage] = undefined;
      }
    }
    this.pending = still;
  }

  /** The levels to read the window of `stage` at: the nominal ones until enough deliveries are known. */
  windowOf(stage: EtaStage, nominal: readonly [number, number]): readonly [number, number] {
    const kept = this.values[stage];
    if (kept.length < MIN_VALUES) return nominal;
    let out = this.levels[stage];
    if (!out) {
      const sorted = Float64Array.from(kept).sort();
      const lo = Math.min(0.5, Math.max(LOWEST, quantileOf(sorted, nominal[0])));
      const hi = Math.max(0.5, Math.min(HIGHEST, quantileOf(sorted, nominal[1])));
      this.levels[stage] = out = [Math.round(lo * 1000) / 1000, Math.round(hi * 1000) / 1000];
    }
    return out;
  }

  snapshot(): WindowLevelsSnapshot {
    const ordered = (stage: EtaStage): number[] => {
      const kept = this.values[stage];
      return kept.length < this.deliveries ? [...kept] : [...kept.slice(this.next[stage]), ...kept.slice(0, this.next[stage])];
    };
    return { handoff: ordered('handoff'), transit: ordered('transit'), pending: [...this.pending] };
  }

  static restore(snapshot: WindowLevelsSnapshot | undefined, deliveries: number): WindowLevels {
    const out = new WindowLevels(deliveries);
    for (const stage of ['handoff', 'transit'] as const) {
      for (const v of (snapshot?.[stage] ?? []).slice(-Math.max(deliveries, 0))) out.push(stage, v);
    }
    if (deliveries > 0) out.pending = [...(snapshot?.pending ?? [])];
    return out;
  }

  private push(stage: EtaStage, v: number): void {
    const kept = this.values[stage];
    if (kept.length < this.deliveries) kept.push(v);
    else kept[this.next[stage]] = v;
    this.next[stage] = (this.next[stage] + 1) % this.deliveries;
  }
}

/** Where `actualMs` fell in a forecast known by its 0.1 / 0.5 / 0.9 points: linear between them, 0 at the forecast's instant. */
export function pitOf(f: ForecastSpread, actualMs: number): number {
  const between = (a: number, b: number, pa: number, pb: number): number => (b > a ? pa + ((pb - pa) * (actualMs - a)) / (b - a) : pb);
  if (actualMs <= f.atMs) return 0;
  if (actualMs <= f.lowerMs) return between(f.atMs, f.lowerMs, 0, 0.1);
  if (actualMs <= f.medianMs) return between(f.lowerMs, f.medianMs, 0.1, 0.5);
  if (actualMs <= f.upperMs) return between(f.medianMs, f.upperMs, 0.5, 0.9);
  const side = Math.max(f.upperMs - f.medianMs, 1);
  return 1 - 0.1 * Math.exp(-(actualMs - f.upperMs) / side);
}

/** Linear interpolation between order statistics (type 7). */
function quantileOf(sorted: Float64Array, q: number): number {
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}
