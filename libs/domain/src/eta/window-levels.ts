import type { ForecastSpread } from './eta-calibration';
import type { EtaStage } from './eta-route';
import { MatureRing, type MatureRingSnapshot, quantileOf } from './mature-ring';

export type WindowLevelsSnapshot = MatureRingSnapshot<'pit'>;

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
 * PITs enter by cohort, once mature (MatureRing), as EtaCalibration's residuals do.
 */
export class WindowLevels {
  /** The levels last read per stage, and the sorted PITs they were read from. */
  private readonly levels: Partial<Record<EtaStage, { from: Float64Array; nominal: readonly [number, number]; out: readonly [number, number] }>> = {};

  /** `deliveries`: how many recent PITs per stage are kept (0 turns it off). */
  constructor(
    readonly deliveries: number,
    private readonly ring = new MatureRing(deliveries, 'pit'),
  ) {}

  /** A parcel arrived at `actualMs` (model time); `forecast` was the first shown for `stage` (its 0.1 / 0.5 / 0.9 days). */
  record(stage: EtaStage, forecast: ForecastSpread, actualMs: number): void {
    if (this.deliveries > 0) this.ring.add(stage, forecast.atMs, pitOf(forecast, actualMs), actualMs);
  }

  /** The levels to read the window of `stage` at: the nominal ones until enough deliveries are known. */
  windowOf(stage: EtaStage, nominal: readonly [number, number]): readonly [number, number] {
    const sorted = this.ring.sorted(stage);
    if (!sorted) return nominal;
    const last = this.levels[stage];
    if (last?.from === sorted && last.nominal === nominal) return last.out;
    const lo = Math.min(0.5, Math.max(LOWEST, quantileOf(sorted, nominal[0])));
    const hi = Math.max(0.5, Math.min(HIGHEST, quantileOf(sorted, nominal[1])));
    const out = [Math.round(lo * 1000) / 1000, Math.round(hi * 1000) / 1000] as const;
    this.levels[stage] = { from: sorted, nominal, out };
    return out;
  }

  snapshot(): WindowLevelsSnapshot {
    return this.ring.snapshot();
  }

  static restore(snapshot: WindowLevelsSnapshot | undefined, deliveries: number): WindowLevels {
    return new WindowLevels(deliveries, MatureRing.restore(snapshot, deliveries, 'pit'));
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
