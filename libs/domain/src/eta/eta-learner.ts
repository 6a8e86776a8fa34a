import { DecayedHistogram, type HistogramSnapshot } from './decayed-histogram';
import { BIN_COUNT, BIN_DAYS, type Distribution } from './duration-distribution';
import { DEFAULT_ETA_CONFIG, type EtaModelConfig } from './eta-model.config';
import { priorFor } from './eta-prior';
import { float64s } from './float-slab';
import { backoffChain, type EtaRoute, type EtaStage } from './eta-route';
import { OpenParcelSums, type ParcelKey } from './open-parcel-sums';

const MS_PER_DAY = 86_400_000;
const BIN_MS = BIN_DAYS * MS_PER_DAY;

/** A stage's duration distribution for one parcel, and how many recent observations back it. */
export type StageEstimate = { dist: Distribution; support: number };

/** A parcel still in a stage: it has lasted at least `now - startMs` so far (a right-censored duration). */
export type OpenStageSnapshot = { stage: EtaStage; route: EtaRoute; startMs: number };
export type EtaLearnerSnapshot = {
  groups: Record<string, HistogramSnapshot>;
  open?: Record<string, OpenStageSnapshot>;
};

/** One group's evidence per half-day bin at an instant, in effective (decayed) counts. */
type Evidence = { ended: Float64Array; atRisk: Float64Array; support: number };

/** Hazards of a distribution: h[j] = P(ends in bin j | not ended before j). The overflow bin ends everything. */
function hazardsOf(dist: Distribution): Float64Array {
  const h = new Float64Array(BIN_COUNT);
  let survival = 1;
  for (let j = 0; j < BIN_COUNT - 1; j++) {
    h[j] = survival > 1e-12 ? Math.min(1, dist[j] / survival) : 1;
    survival -= dist[j];
  }
  h[BIN_COUNT - 1] = 1;
  return h;
}

function distributionOf(h: Float64Array): Distribution {
  const out = float64s(BIN_COUNT);
  let survival = 1;
  for (let j = 0; j < BIN_COUNT; j++) {
    const hj = j === BIN_COUNT - 1 ? 1 : h[j];
    out[j] = survival * hj;
    survival *= 1 - hj;
  }
  return out;
}

const PRIOR_HAZARDS: Record<EtaStage, Float64Array> = { handoff: hazardsOf(priorFor('handoff')), transit: hazardsOf(priorFor('transit')) };

/**
 * The online part of the ETA model: a decayed, hierarchical Kaplan-Meier estimate of each
 * stage's duration for every group of the back-off chain.
 *
 * Evidence per half-day bin j: how many parcels were in the stage when bin j began (at risk) and
 * how many of them ended it in bin j. Completed stages (hand-over, delivery) count as at risk up
 * to their bin and ended there; parcels STILL in the stage at time t (right-censored: known to
 * have lasted at least t - start) count as at risk for every bin they have fully lived through.
 * So a surge shows up while its parcels are still on the road: many open parcels past day 8 that
 * have not arrived lower the hazard of days 0..8 and move the forecast later, weeks before those
 * parcels complete. Only facts known at t are used (completed stages, start times of open ones).
 *
 * Recency: a parcel's evidence about bin j became known when it entered bin j, so it is weighted
 * 0.5^((t - start - j/2 day) / halfLife): the same decay as before, applied to when the fact was learned.
 */
export class EtaLearner {
  /** Completed durations per group, weighted by their START time (the bin shift is applied on read). */
  private readonly groups = new Map<string, DecayedHistogram>();
  /** Open (censored) parcels, summed per group and bin lived through. */
  private readonly open: OpenParcelSums<EtaStage, EtaRoute>;
  private readonly versions = new Map<string, number>();
  private readonly cache = new Map<string, { version: number; atMs: number; horizon: number; evidence: Evidence }>();
  /** presumedLostAfter per global group, until its histogram learns something new. */
  private readonly horizons = new Map<string, { revision: number; bins: number }>();
  private readonly halfLifeMs: number;
  /** Estimates of the current instant per back-off chain (its finest group names it), each until its chain's groups learn something. */
  private readonly memo = new Map<string, { stamp: number; estimate: StageEstimate }>();
  private memoAtMs = Number.NaN;
  /** The latest instant an estimate was asked for: evidence and estimates are kept for instants up to it. */
  private askedMs = Number.NEGATIVE_INFINITY;
  /** freshness[j] = fresher^j (see evidence()), computed once with the same Math.pow calls. */
  private readonly freshness = new Float64Array(BIN_COUNT);
  /** Scratch: open parcels' decayed weight by bins lived (evidence), hazards per back-off level (estimate). */
  private readonly openPast = new Float64Array(BIN_COUNT + 1);
  private readonly hazards = [new Float64Array(BIN_COUNT), new Float64Array(BIN_COUNT)];

  constructor(readonly config: EtaModelConfig = DEFAULT_ETA_CONFIG) {
    this.halfLifeMs = config.halfLifeDays * MS_PER_DAY;
    this.open = new OpenParcelSums(config.halfLifeDays);
    // a fact about bin j is learned when the parcel enters bin j: it is 2^(j * bin / halfLife) fresher than its start
    const fresher = Math.pow(2, BIN_MS / this.halfLifeMs);
    for (let j = 0; j < BIN_COUNT; j++) this.freshness[j] = Math.pow(fresher, j);
  }

  /**
   * A parcel entered `stage` at `startMs` and is still in it: evidence that the stage lasts at least so long. Its
   * key: a string, or a whole number of the caller's own (small and reused: held in an array, not a Map).
   */
  begin(key: ParcelKey, stage: EtaStage, route: EtaRoute, startMs: number): void {
    this.end(key);
    if (!Number.isFinite(startMs)) return;
    const chain = backoffChain(stage, route);
    this.open.begin(key, chain, { stage, route, startMs });
    if (this.mayChangeKept(startMs, chain)) for (const g of chain) this.bump(g);
  }

  /** The parcel left its stage without a duration to learn (canceled, lost track): no longer censored evidence. */
  end(key: ParcelKey): void {
    const startMs = this.open.startOf(key);
    const groups = this.open.end(key);
    if (groups && this.mayChangeKept(startMs!, groups)) for (const g of groups) this.bump(g);
  }

  /**
   * Whether an open parcel begun at `startMs` may be in evidence already kept: evidence counts a parcel from its
   * first half-day bin lived through, so one younger than a bin at every instant asked so far (a placement, as a
   * rule) is in none, and those estimates still hold. A group with no version yet takes one: only then is it a level.
   */
  private mayChangeKept(startMs: number, groups: readonly string[]): boolean {
    if (this.askedMs - startMs >= BIN_MS) return true;
    for (const g of groups) if (!this.versions.has(g)) return true;
    return false;
  }

  /** Open parcels held (a parcel past every presumed-lost horizon is pruned). */
  openCount(): number {
    return this.open.size;
  }

  /** A stage completed: its duration is learned (and the parcel, if it was tracked under `key`, is no longer open). */
  observe(stage: EtaStage, route: EtaRoute, durationMs: number, completedAtMs: number, key?: ParcelKey): void {
    if (key !== undefined) this.end(key);
    if (!(durationMs >= 0)) return; // a clock-skewed partner (ended before it began) teaches nothing
    const startMs = completedAtMs - durationMs;
    for (const g of backoffChain(stage, route)) {
      let h = this.groups.get(g);
      if (!h) this.groups.set(g, (h = new DecayedHistogram(this.halfLifeMs)));
      h.add(durationMs / MS_PER_DAY, startMs);
      this.bump(g);
    }
  }

  /**
   * Hierarchical shrinkage down the chain, on hazards: h(group, j) = (ended_j + k h(parent, j)) /
   * (atRisk_j + k). A bin the group has little recent evidence for follows its parent (so a thin
   * group's tail is its parent's tail); a busy group speaks for itself. The global group leans on
   * the prior with weight priorStrength. Support: completed observations plus at most k borrowed.
   */
  estimate(stage: EtaStage, route: EtaRoute, atMs: number): StageEstimate {
    const chain = backoffChain(stage, route);
    if (atMs > this.askedMs) this.askedMs = atMs;
    if (this.memoAtMs !== atMs) {
      this.memo.clear();
      this.memoAtMs = atMs;
    }
    // an estimate rests on its chain's groups alone (the horizon on the first one's): while none of them
    // learned anything, the one made at this instant holds, whatever other chains learned since
    let stamp = 0;
    for (const g of chain) stamp += this.versions.get(g) ?? 0;
    const name = chain[chain.length - 1]; // the finest group names its chain (see backoffChain)
    const known = this.memo.get(name);
    if (known?.stamp === stamp) return known.estimate;
    const estimate = this.computeEstimate(stage, chain, atMs);
    this.memo.set(name, { stamp, estimate });
    return estimate;
  }

  private computeEstimate(stage: EtaStage, chain: readonly string[], atMs: number): StageEstimate {
    const { backoffStrength: k, priorStrength } = this.config;
    let h = PRIOR_HAZARDS[stage];
    let support = priorStrength;
    let borrow = priorStrength;
    const horizon = this.presumedLostAfter(chain[0], atMs);
    let level = 0;
    for (const key of chain) {
      const ev = this.evidence(key, atMs, horizon);
      if (ev) {
        const next = this.hazards[level++ % 2]; // scratch: h is either the prior or the other buffer
        for (let j = 0; j < BIN_COUNT; j++) next[j] = (ev.ended[j] + borrow * h[j]) / (ev.atRisk[j] + borrow);
        h = next;
      }
      support = (ev?.support ?? 0) + Math.min(borrow, support);
      borrow = k;
    }
    return { dist: distributionOf(h), support };
  }

  /** 0..1 from the effective number of observations behind an estimate. */
  confidenceOf(support: number): number {
    return support / (support + this.config.confidenceHalfAt);
  }

  snapshot(): EtaLearnerSnapshot {
    const groups: Record<string, HistogramSnapshot> = {};
    for (const [key, h] of this.groups) groups[key] = h.snapshot();
    return { groups, open: Object.fromEntries(this.open.entries()) };
  }

  /**
   * `keyOf`: the key to hold a saved open parcel under (saved keys are strings, a number's too); undefined: as saved.
   */
  static restore(snapshot: EtaLearnerSnapshot, config: EtaModelConfig = DEFAULT_ETA_CONFIG, keyOf?: (saved: string) => ParcelKey | undefined): EtaLearner {
    const learner = new EtaLearner(config);
    for (const [key, s] of Object.entries(snapshot.groups)) {
      learner.groups.set(key, DecayedHistogram.restore(learner.halfLifeMs, s));
      learner.bump(key);
    }
    for (const [key, o] of Object.entries(snapshot.open ?? {})) learner.begin(keyOf?.(key) ?? key, o.stage, o.route, o.startMs);
    return learner;
  }

  /**
   * Some parcels never end their stage (lost, abandoned, never shipped: one in ten in the Olist
   * sample). Counting them as censored forever would make the model believe in a heavy "never"
   * tail. An open parcel older than the overdue quantile of the stage's completed durations (the
   * age at which the delay rules call it overdue) is presumed lost and stops being evidence.
   * In bins: the last bin an open parcel may have fully lived through and still count.
   */
  private presumedLostAfter(globalGroup: string, atMs: number): number {
    const h = this.groups.get(globalGroup);
    const total = h ? h.weightAt(atMs) : 0;
    if (!h || total <= 0) return BIN_COUNT;
    const cached = this.horizons.get(globalGroup);
    if (cached?.revision === h.revision) return cached.bins;
    const bins = this.overdueBin(h.counts());
    this.horizons.set(globalGroup, { revision: h.revision, bins });
    return bins;
  }

  /** The bin in which the cumulative counts reach the overdue quantile, plus one. */
  private overdueBin(counts: Distribution): number {
    const sum = counts.reduce((a, b) => a + b, 0);
    let cumulative = 0;
    for (let j = 0; j < BIN_COUNT; j++) {
      cumulative += counts[j];
      if (cumulative >= this.config.overdueQuantile * sum) return j + 1;
    }
    return BIN_COUNT;
  }

  private bump(group: string): void {
    this.versions.set(group, (this.versions.get(group) ?? 0) + 1);
  }

  /**
   * The group's ended / at-risk counts per bin at `atMs` (cached until the group changes or time moves).
   * The decay is continuous in `atMs`, so a cached evidence serves only the same instant (all the
   * forecasts of one clock tick; the handoff and transit estimates of one forecast use other groups).
   * A recomputation overwrites the group's previous arrays: nothing holds them past estimate().
   */
  private evidence(group: string, atMs: number, horizonBins: number): Evidence | undefined {
    const version = this.versions.get(group);
    if (version === undefined) return undefined;
    let cached = this.cache.get(group);
    if (cached && cached.version === version && cached.atMs === atMs && cached.horizon === horizonBins) return cached.evidence;
    if (!cached) {
      cached = { version, atMs, horizon: horizonBins, evidence: { ended: new Float64Array(BIN_COUNT), atRisk: new Float64Array(BIN_COUNT), support: 0 } };
      this.cache.set(group, cached);
    }
    const { ended, atRisk } = cached.evidence;
    const h = this.groups.get(group);
    const counts = h?.counts();
    const scale = h ? h.factorAt(atMs) : 0;
    // survivors: completed ones at risk up to their bin, open ones for every bin fully lived through
    let openPast: Float64Array | undefined;
    let openScale = 1;
    const open = this.open.group(group);
    if (open) {
      if (this.open.advanceTo(atMs)) {
        openPast = open.sums;
        openScale = this.open.scaleAt(atMs);
      } else this.open.directPast(open, atMs, (openPast = this.openPast)); // an instant before the latest one asked
    }
    // one pass, the same products and sums as ended = counts x scale, open past = sums x openScale then the rest
    let completedFrom = 0;
    let openFrom = 0;
    let support = 0;
    for (let j = BIN_COUNT - 1; j >= 0; j--) {
      const e = counts ? counts[j] * scale : 0;
      completedFrom += e;
      // presumed lost past the horizon: they say nothing about parcels that do arrive
      openFrom += openPast && j < horizonBins ? openPast[j + 1] * openScale : 0;
      const f = this.freshness[j];
      atRisk[j] = (completedFrom + openFrom) * f;
      ended[j] = e * f;
      support += ended[j];
    }
    cached.version = version;
    cached.atMs = atMs;
    cached.horizon = horizonBins;
    cached.evidence.support = support;
    return cached.evidence;
  }
}
