import type { ForecastSpread } from './eta-calibration';
import type { EtaRoute, EtaStage } from './eta-route';
import { cappedFactor, logResidual } from './forecast-residual';

const MS_PER_DAY = 86_400_000;

type Sum = { sum: number; weight: number; atMs: number };
export type EtaEffectsSnapshot = Partial<Record<EtaStage, { mean: Sum; keyed: Record<string, Sum> }>>;

/**
 * Who ships it and where it goes, beyond the groups of the parcel's chain: the transit chain is the
 * lane's, but a seller ships with its own carrier contract and service level (the data does not name
 * them), and a destination city its own last mile; neither nests in the other's groups. Per stage and
 * key (the seller, the destination city): the decayed mean of where its deliveries fell against their
 * first forecast, y = log(actual / median) (capped), less the stage's mean y over every delivery at the
 * time (so a group's level is never moved, only a key against the others), shrunk toward 0 with
 * `strength` pseudo-deliveries (the learner's back-off strength). A forecast's remaining time is
 * multiplied by exp(sum of its keys' effects). Online, past deliveries only.
 */
export class EtaEffects {
  private readonly stages: Partial<Record<EtaStage, { mean: Sum; keyed: Map<string, Sum> }>> = {};

  constructor(
    private readonly halfLifeDays: number,
    private readonly strength: number,
  ) {}

  /** A parcel on `route` arrived at `actualMs` (model time); `spread` was the stage's first forecast. */
  record(stage: EtaStage, route: EtaRoute, spread: ForecastSpread, actualMs: number): void {
    const y = logResidual(spread, actualMs);
    const s = (this.stages[stage] ??= { mean: { sum: 0, weight: 0, atMs: actualMs }, keyed: new Map() });
    const mean = this.decayed(s.mean, actualMs);
    const centred = mean.weight > 0 ? y - mean.sum / mean.weight : 0;
    mean.sum += y;
    mean.weight += 1;
    for (const key of effectKeys(route)) {
      let own = s.keyed.get(key);
      if (!own) s.keyed.set(key, (own = { sum: 0, weight: 0, atMs: actualMs }));
      this.decayed(own, actualMs);
      own.sum += centred;
      own.weight += 1;
    }
  }

  /** What a forecast's remaining time is multiplied by (1 for keys without deliveries). */
  factor(stage: EtaStage, route: EtaRoute, atMs: number): number {
    const keyed = this.stages[stage]?.keyed;
    if (!keyed) return 1;
    let effect = 0;
    for (const key of effectKeys(route)) {
      const own = keyed.get(key);
      if (!own) continue;
      // a key's sum and weight decay alike, so the effect is read at any instant; the pseudo-deliveries do not decay
      const decay = Math.pow(0.5, Math.max(0, atMs - own.atMs) / (this.halfLifeDays * MS_PER_DAY));
      effect += (own.sum * decay) / (own.weight * decay + this.strength);
    }
    return effect === 0 ? 1 : cappedFactor(effect);
  }

  snapshot(): EtaEffectsSnapshot {
    const out: EtaEffectsSnapshot = {};
    for (const [stage, s] of Object.entries(this.stages)) {
      out[stage as EtaStage] = { mean: { ...s.mean }, keyed: Object.fromEntries([...s.keyed].map(([k, v]) => [k, { ...v }])) };
    }
    return out;
  }

  static restore(snapshot: EtaEffectsSnapshot | undefined, halfLifeDays: number, strength: number): EtaEffects {
    const out = new EtaEffects(halfLifeDays, strength);
    for (const [stage, s] of Object.entries(snapshot ?? {})) {
      out.stages[stage as EtaStage] = { mean: { ...s.mean }, keyed: new Map(Object.entries(s.keyed).map(([k, v]) => [k, { ...v }])) };
    }
    return out;
  }

  private decayed(s: Sum, atMs: number): Sum {
    if (atMs > s.atMs) {
      const decay = Math.pow(0.5, (atMs - s.atMs) / (this.halfLifeDays * MS_PER_DAY));
      s.sum *= decay;
      s.weight *= decay;
      s.atMs = atMs;
    }
    return s;
  }
}

/** A route's keys, worked out once per route object (a tick asks for them once per open order). */
const KEYS = new WeakMap<EtaRoute, readonly string[]>();
function effectKeys(route: EtaRoute): readonly string[] {
  let keys = KEYS.get(route);
  if (!keys) {
    const { destination: d } = route;
    keys = [...(route.seller ? [`s:${route.seller}`] : []), ...(d.state && d.city ? [`c:${d.state}:${d.city}`] : [])];
    KEYS.set(route, keys);
  }
  return keys;
}
