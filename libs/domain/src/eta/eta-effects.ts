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
 * first forecast, y = log(actual / median) (capped), less the stage's decayed mean y over every
 * delivery (so a group's level is never moved, only a key against the others: a key that saw every
 * delivery has no effect), shrunk toward 0 with
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
    this.add(s.mean, y, actualMs);
    for (const key of effectKeys(route)) {
      let own = s.keyed.get(key);
      if (!own) s.keyed.set(key, (own = { sum: 0, weight: 0, atMs: actualMs }));
      this.add(own, y, actualMs);
    }
  }

  /** What a forecast's remaining time is multiplied by (1 for keys without deliveries). */
  factor(stage: EtaStage, route: EtaRoute, atMs: number): number {
    const s = this.stages[stage];
    if (!s || !(s.mean.weight > 0)) return 1;
    let effect = 0;
    for (const key of effectKeys(route)) effect += this.effectOf(s, key, atMs);
    return effect === 0 ? 1 : cappedFactor(effect);
  }

  /** The seller's and the destination city's effects apart (0 without deliveries): features of the joint model. */
  keyEffects(stage: EtaStage, route: EtaRoute, atMs: number): { seller: number; city: number } {
    const s = this.stages[stage];
    if (!s || !(s.mean.weight > 0)) return { seller: 0, city: 0 };
    const { seller, city } = keysOf(route);
    return { seller: seller ? this.effectOf(s, seller, atMs) : 0, city: city ? this.effectOf(s, city, atMs) : 0 };
  }

  /** A key's decayed excess over the stage's mean, shrunk by pseudo-deliveries (which do not decay). */
  private effectOf(s: { mean: Sum; keyed: Map<string, Sum> }, key: string, atMs: number): number {
    const own = s.keyed.get(key);
    if (!own) return 0;
    const mean = s.mean.sum / s.mean.weight; // a sum and its weight decay alike: their ratio holds at any instant
    const decay = Math.pow(0.5, Math.max(0, atMs - own.atMs) / (this.halfLifeDays * MS_PER_DAY));
    return ((own.sum - own.weight * mean) * decay) / (own.weight * decay + this.strength);
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

  private add(s: Sum, y: number, atMs: number): void {
    if (atMs > s.atMs) {
      const decay = Math.pow(0.5, (atMs - s.atMs) / (this.halfLifeDays * MS_PER_DAY));
      s.sum *= decay;
      s.weight *= decay;
      s.atMs = atMs;
    }
    s.sum += y;
    s.weight += 1;
  }
}

/** A route's seller and destination-city keys. */
function keysOf(route: EtaRoute): { seller?: string; city?: string } {
  const { destination: d } = route;
  return { ...(route.seller && { seller: `s:${route.seller}` }), ...(d.state && d.city && { city: `c:${d.state}:${d.city}` }) };
}

/** A route's keys, worked out once per route object (a tick asks for them once per open order). */
const KEYS = new WeakMap<EtaRoute, readonly string[]>();
function effectKeys(route: EtaRoute): readonly string[] {
  let keys = KEYS.get(route);
  if (!keys) {
    const { seller, city } = keysOf(route);
    keys = [seller, city].filter((k): k is string => k !== undefined);
    KEYS.set(route, keys);
  }
  return keys;
}
