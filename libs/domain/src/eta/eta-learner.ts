import { DecayedHistogram, type HistogramSnapshot } from './decayed-histogram';
import { type Distribution, mix, normalised } from './duration-distribution';
import { DEFAULT_ETA_CONFIG, type EtaModelConfig } from './eta-model.config';
import { priorFor } from './eta-prior';
import { backoffChain, type EtaRoute, type EtaStage } from './eta-route';

const MS_PER_DAY = 86_400_000;

/** A stage's duration distribution for one parcel, and how many recent observations back it. */
export type StageEstimate = { dist: Distribution; support: number };

export type EtaLearnerSnapshot = { groups: Record<string, HistogramSnapshot> };

/**
 * The online part of the ETA model: decayed histograms of completed stage durations for every
 * group of the back-off chain. It only ever learns a duration once the stage has ended
 * (hand-over for the first stage, delivery for the second), at that moment, so a prediction at
 * time t rests only on what was complete before t.
 */
export class EtaLearner {
  private readonly groups = new Map<string, DecayedHistogram>();
  private readonly halfLifeMs: number;

  constructor(readonly config: EtaModelConfig = DEFAULT_ETA_CONFIG) {
    this.halfLifeMs = config.halfLifeDays * MS_PER_DAY;
  }

  observe(stage: EtaStage, route: EtaRoute, durationMs: number, completedAtMs: number): void {
    if (!(durationMs >= 0)) return; // a clock-skewed partner (ended before it began) teaches nothing
    for (const key of backoffChain(stage, route)) {
      let h = this.groups.get(key);
      if (!h) this.groups.set(key, (h = new DecayedHistogram(this.halfLifeMs)));
      h.add(durationMs / MS_PER_DAY, completedAtMs);
    }
  }

  /**
   * Hierarchical shrinkage down the chain: p(group) = (counts + k * p(parent)) / (n + k), where
   * n is the group's decayed count at `atMs`. A thin or stale group stays close to its parent;
   * a busy one speaks for itself. Support grows the same way: own count plus at most k borrowed.
   */
  estimate(stage: EtaStage, route: EtaRoute, atMs: number): StageEstimate {
    const { backoffStrength: k, priorStrength } = this.config;
    let dist = priorFor(stage);
    let support = priorStrength;
    let borrow = priorStrength;
    for (const key of backoffChain(stage, route)) {
      const h = this.groups.get(key);
      const n = h ? h.weightAt(atMs) : 0;
      if (n > 0 && h) dist = mix([{ dist: normalised(h.counts()), weight: n }, { dist, weight: borrow }]);
      support = n + Math.min(borrow, support);
      borrow = k;
    }
    return { dist, support };
  }

  /** 0..1 from the effective number of observations behind an estimate. */
  confidenceOf(support: number): number {
    return support / (support + this.config.confidenceHalfAt);
  }

  snapshot(): EtaLearnerSnapshot {
    const groups: Record<string, HistogramSnapshot> = {};
    for (const [key, h] of this.groups) groups[key] = h.snapshot();
    return { groups };
  }

  static restore(snapshot: EtaLearnerSnapshot, config: EtaModelConfig = DEFAULT_ETA_CONFIG): EtaLearner {
    const learner = new EtaLearner(config);
    for (const [key, s] of Object.entries(snapshot.groups)) {
      learner.groups.set(key, DecayedHistogram.restore(learner.halfLifeMs, s));
    }
    return learner;
  }
}
