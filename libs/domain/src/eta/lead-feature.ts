import type { ForecastSpread } from './eta-calibration';
import { cappedFactor, logRatioToMedian, logResidual } from './forecast-residual';

const MS_PER_DAY = 86_400_000;
/** Effective (decayed) deliveries needed before the slope is trusted. */
const MIN_WEIGHT = 50;
/** The slope is kept in [0, 1]: a later deadline never means an earlier parcel, nor more than proportionally later. */
const MAX_SLOPE = 1;

type Moments = { w: number; x: number; y: number; xx: number; xy: number; atMs: number };
export type LeadFeatureSnapshot = { moments?: Moments };

/**
 * A merchant's deadline as a feature of the forecast made at placement (a shop knows what the groups do
 * not: the product, the address, its carrier contract). Its lead is read against the model's own median:
 * x = log(time to the deadline / time to the median), at the order's first forecast. Finished orders
 * teach a decayed least-squares slope of y = log(actual / median) (capped) on x; a forecast's remaining
 * time is then scaled by exp(slope * (x - mean x)). Centred, so it moves an order only relative to its
 * group (a shop promising longer than usual for this lane), never the group's level: a bias correction on
 * residuals over-corrects after a peak (docs/ETA.md). Online, past only. Two are read (predictEta): the
 * promised day against the whole delivery, the seller's hand-over deadline against the hand-over alone.
 */
export class LeadFeature {
  private moments: Moments | undefined;

  constructor(private readonly halfLifeDays: number) {}

  /** The feature of a forecast: how much later than its median the deadline is (log ratio); none once it is past. */
  static leadOf(spread: ForecastSpread, deadlineMs: number): number | undefined {
    return deadlineMs > spread.atMs ? logRatioToMedian(spread, deadlineMs) : undefined;
  }

  /** An order arrived at `actualMs` (model time); `spread` and `lead` were its first forecast and feature. */
  record(spread: ForecastSpread, lead: number, actualMs: number): void {
    const y = logResidual(spread, actualMs);
    const m = (this.moments ??= { w: 0, x: 0, y: 0, xx: 0, xy: 0, atMs: actualMs });
    const decay = Math.pow(0.5, Math.max(0, actualMs - m.atMs) / (this.halfLifeDays * MS_PER_DAY));
    m.w = m.w * decay + 1;
    m.x = m.x * decay + lead;
    m.y = m.y * decay + y;
    m.xx = m.xx * decay + lead * lead;
    m.xy = m.xy * decay + lead * y;
    m.atMs = Math.max(m.atMs, actualMs);
  }

  /** What a placement forecast's remaining time is multiplied by: 1 until enough deliveries are known. */
  factor(lead: number | undefined): number {
    const m = this.moments;
    if (lead === undefined || !m || m.w < MIN_WEIGHT) return 1;
    const meanX = m.x / m.w;
    const varX = m.xx / m.w - meanX * meanX;
    if (!(varX > 1e-9)) return 1;
    const slope = Math.min(MAX_SLOPE, Math.max(0, (m.xy / m.w - meanX * (m.y / m.w)) / varX));
    return cappedFactor(slope * (lead - meanX));
  }

  snapshot(): LeadFeatureSnapshot {
    return this.moments ? { moments: { ...this.moments } } : {};
  }

  static restore(snapshot: LeadFeatureSnapshot | undefined, halfLifeDays: number): LeadFeature {
    const out = new LeadFeature(halfLifeDays);
    if (snapshot?.moments) out.moments = { ...snapshot.moments };
    return out;
  }
}
