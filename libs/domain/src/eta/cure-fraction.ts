import { BIN_COUNT } from './duration-distribution';

/**
 * What one never-delivered share is believed before a group has seen any parcel resolved (EtaModelConfig.cureFraction):
 * one parcel in twenty, the order of magnitude of parcels lost, returned or abandoned in general e-commerce, not read
 * from a data file. It carries the prior's weight (priorStrength), so the first resolved parcels override it.
 */
export const NEVER_DELIVERED_PRIOR = 0.05;

/**
 * The cure-fraction weight of an open parcel by the bins it has lived through: the probability that it will still
 * arrive, given that it has not yet, when a share `p` of the lane's parcels never arrives and those that do follow
 * the hazards `h`: w(L) = (1 - p) S(L) / (p + (1 - p) S(L)), with S(L) = prod_{j < L} (1 - h[j]). out has BIN_COUNT + 1
 * entries (L = 0 .. BIN_COUNT). With p = 0 every weight is 1; where S is 0 and p > 0 it is 0.
 */
export function cureWeights(h: Float64Array, p: number, out: Float64Array): Float64Array {
  let survival = 1;
  for (let L = 0; L <= BIN_COUNT; L++) {
    const arriving = (1 - p) * survival;
    const total = p + arriving;
    out[L] = total > 0 ? arriving / total : 1;
    if (L < BIN_COUNT) survival *= 1 - (L === BIN_COUNT - 1 ? 1 : h[L]);
  }
  return out;
}

/** Per group: resolved parcels, decayed from when each became known: delivered, and presumed never delivered. */
export type CureCountsSnapshot = { groups: Record<string, { lost: number; delivered: number; at: number }>; lost: Record<string, number> };

type Counts = { lost: number; delivered: number; at: number };

/**
 * The never-delivered share per group, learned walk-forward: a delivery counts as delivered when it is delivered; an
 * open parcel counts as never delivered once it passes its stage's presumed-lost horizon (the time at which that is
 * known), and stops counting so if it is delivered after all (while the learner still holds it).
 */
export class CureCounts {
  private readonly groups = new Map<string, Counts>();
  /** Open parcels counted as never delivered, with the instant they were. */
  readonly lostAt = new Map<string, number>();

  constructor(private readonly halfLifeMs: number) {}

  delivered(group: string, atMs: number, sign = 1): void {
    this.add(group, atMs, 0, sign);
  }

  lost(group: string, atMs: number, sign = 1): void {
    this.add(group, atMs, sign, 0);
  }

  /** Decayed (lost, lost + delivered) of a group at `atMs`; zeros for a group never resolved. */
  at(group: string, atMs: number): { lost: number; resolved: number } {
    const c = this.groups.get(group);
    if (!c) return { lost: 0, resolved: 0 };
    const f = Math.pow(0.5, Math.max(0, atMs - c.at) / this.halfLifeMs);
    return { lost: c.lost * f, resolved: (c.lost + c.delivered) * f };
  }

  snapshot(): CureCountsSnapshot {
    return { groups: Object.fromEntries([...this.groups].map(([k, c]) => [k, { ...c }])), lost: Object.fromEntries(this.lostAt) };
  }

  restore(s: CureCountsSnapshot): void {
    for (const [k, c] of Object.entries(s.groups)) this.groups.set(k, { ...c });
    for (const [k, at] of Object.entries(s.lost)) this.lostAt.set(k, at);
  }

  private add(group: string, atMs: number, lost: number, delivered: number): void {
    let c = this.groups.get(group);
    if (!c) this.groups.set(group, (c = { lost: 0, delivered: 0, at: atMs }));
    if (atMs > c.at) {
      const f = Math.pow(0.5, (atMs - c.at) / this.halfLifeMs);
      c.lost *= f;
      c.delivered *= f;
      c.at = atMs;
    }
    // an event known before the counts' clock enters already decayed
    const w = atMs < c.at ? Math.pow(0.5, (c.at - atMs) / this.halfLifeMs) : 1;
    c.lost = Math.max(0, c.lost + lost * w);
    c.delivered = Math.max(0, c.delivered + delivered * w);
  }
}
