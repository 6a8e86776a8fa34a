import type { EtaStage } from './eta-route';

/** A delivery's value (named by its user: a residual, a PIT) against a forecast made at atMs (model time), waiting for its cohort to mature. */
export type MaturePending<K extends string> = { stage: EtaStage; atMs: number } & Record<K, number>;
export type MatureRingSnapshot<K extends string> = Partial<Record<EtaStage, number[]>> & { pending?: MaturePending<K>[] };

/** Values needed before a stage's ring is trusted over the model's own quantiles. */
const MIN_VALUES = 50;
/**
 * A forecast's value is kept only once the forecasts made with it are this old (model time): the parcels
 * delivered lately are the quick ones of their cohort (the slow ones are still on the road), so values
 * taken as deliveries come would say the model is too cautious. After a month nearly all of a cohort
 * that will arrive has arrived.
 */
const MATURE_MS = 30 * 86_400_000;
/** Cohorts are a month wide: settling once a model day is enough. */
const SETTLE_EVERY_MS = 86_400_000;

/**
 * Per stage, one value (a residual, a PIT) for each of the last `size` deliveries whose forecasts are
 * mature, oldest forecast first out: what EtaCalibration and WindowLevels calibrate on. 0 keeps nothing.
 */
export class MatureRing<K extends string> {
  private readonly values: Record<EtaStage, number[]> = { handoff: [], transit: [] };
  private readonly next: Record<EtaStage, number> = { handoff: 0, transit: 0 };
  private readonly sortedOf: Partial<Record<EtaStage, Float64Array>> = {};
  /** Values of forecasts not yet mature, in delivery order. */
  private pending: MaturePending<K>[] = [];
  private settleAfterMs = Number.NEGATIVE_INFINITY;

  /** `size`: values kept per stage; `key`: the name of a pending value in snapshots. */
  constructor(
    readonly size: number,
    private readonly key: K,
  ) {}

  /** A parcel arrived at `actualMs` (model time) with `value` against its stage's forecast made at `madeAtMs`. */
  add(stage: EtaStage, madeAtMs: number, value: number, actualMs: number): void {
    if (this.size <= 0) return;
    this.pending.push({ stage, atMs: madeAtMs, [this.key]: value } as MaturePending<K>);
    if (actualMs < this.settleAfterMs) return;
    this.settleAfterMs = actualMs + SETTLE_EVERY_MS;
    const matureBefore = actualMs - MATURE_MS;
    const still: MaturePending<K>[] = [];
    for (const p of this.pending.sort((a, b) => a.atMs - b.atMs)) {
      if (p.atMs > matureBefore) still.push(p);
      else this.push(p.stage, p[this.key]);
    }
    this.pending = still;
  }

  /** The stage's kept values, ascending (made once per change); undefined until there are enough to trust. */
  sorted(stage: EtaStage): Float64Array | undefined {
    const kept = this.values[stage];
    if (kept.length < MIN_VALUES) return undefined;
    return (this.sortedOf[stage] ??= Float64Array.from(kept).sort());
  }

  snapshot(): Required<MatureRingSnapshot<K>> {
    const ordered = (stage: EtaStage): number[] => {
      const kept = this.values[stage];
      return kept.length < this.size ? [...kept] : [...kept.slice(this.next[stage]), ...kept.slice(0, this.next[stage])];
    };
    return { handoff: ordered('handoff'), transit: ordered('transit'), pending: [...this.pending] };
  }

  static restore<K extends string>(snapshot: MatureRingSnapshot<K> | undefined, size: number, key: K): MatureRing<K> {
    const out = new MatureRing(size, key);
    if (size <= 0) return out;
    for (const stage of ['handoff', 'transit'] as const) {
      for (const v of (snapshot?.[stage] ?? []).slice(-size)) out.push(stage, v);
    }
    out.pending = [...(snapshot?.pending ?? [])];
    return out;
  }

  private push(stage: EtaStage, v: number): void {
    const kept = this.values[stage];
    if (kept.length < this.size) kept.push(v);
    else kept[this.next[stage]] = v;
    this.next[stage] = (this.next[stage] + 1) % this.size;
    this.sortedOf[stage] = undefined;
  }
}

/** Linear interpolation between order statistics (type 7). */
export function quantileOf(sorted: Float64Array, q: number): number {
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}
