import { BoostedTrees, type BoostedTreesOptions, type BoostedTreesSnapshot } from './boosted-trees';

const MS_PER_DAY = 86_400_000;

/** How the ring keeps and retrains (all a priori: see docs/ETA.md, session 11 etaforest). */
export type ResidualRingOptions = Readonly<{
  /** Deliveries kept (the oldest is overwritten): at a marketplace's volume, a sample of the recent past. */
  capacity: number;
  /** Deliveries older than this (model days) before a retrain are not trained on. */
  maxAgeDays: number;
  /** Retrain when this much model time has passed since the last one (the baseline retrained weekly). */
  everyDays: number;
  /** ... or when this many deliveries came since (a busy week is not a week late). */
  everyDeliveries: number;
  /** Deliveries within maxAgeDays needed before the first training. */
  minRows: number;
  trees: BoostedTreesOptions;
  /** Predict the residual itself (the ensemble's start, the rows' mean, added) instead of its deviation from that mean. */
  level?: boolean;
}>;

/** Saved oldest first: `x` is `y.length` rows of `dimension` features. Trees as last trained, and when. */
export type ResidualRingSnapshot = {
  dimension: number;
  x: number[];
  y: number[];
  atMs: number[];
  trainedMs?: number;
  sinceTrained: number;
  trees?: BoostedTreesSnapshot;
};

/**
 * The last deliveries of one stage (features, capped log residual, model instant) in a bounded ring, and a tree
 * ensemble of the residual retrained from them now and then, walk-forward: a retrain at a delivery sees only the
 * deliveries recorded up to it. Memory: capacity x (dimension + 2) numbers.
 */
export class ResidualRing {
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private readonly at: Float64Array;
  /** The next slot written, and how many are filled. */
  private head = 0;
  private filled = 0;
  private trainedMs: number | undefined;
  private sinceTrained = 0;
  private model: BoostedTrees | undefined;

  constructor(
    readonly dimension: number,
    private readonly o: ResidualRingOptions,
  ) {
    this.x = new Float64Array(o.capacity * dimension);
    this.y = new Float64Array(o.capacity);
    this.at = new Float64Array(o.capacity);
  }

  get size(): number {
    return this.filled;
  }

  get trees(): BoostedTrees | undefined {
    return this.model;
  }

  /** The trees' deviation of the residual at `x` from its recent mean (`level`: the residual); undefined before the first training. */
  predict(x: ArrayLike<number>): number | undefined {
    const m = this.model;
    return m && m.predict(x) + (this.o.level ? m.base : 0);
  }

  /** One delivery at `atMs` (model time; deliveries come in time order); retrains first when one is due. */
  record(x: ArrayLike<number>, y: number, atMs: number): void {
    const d = this.dimension;
    for (let i = 0; i < d; i++) this.x[this.head * d + i] = x[i];
    this.y[this.head] = y;
    this.at[this.head] = atMs;
    this.head = (this.head + 1) % this.o.capacity;
    this.filled = Math.min(this.filled + 1, this.o.capacity);
    this.sinceTrained++;
    const due = this.trainedMs === undefined || atMs - this.trainedMs >= this.o.everyDays * MS_PER_DAY || this.sinceTrained >= this.o.everyDeliveries;
    if (due) this.train(atMs);
  }

  /** Trains on the ring's deliveries of the last maxAgeDays before `nowMs` (none if fewer than minRows). */
  train(nowMs: number): void {
    const d = this.dimension;
    const from = nowMs - this.o.maxAgeDays * MS_PER_DAY;
    const rows: number[] = [];
    for (let k = 0; k < this.filled; k++) {
      const slot = (this.head - this.filled + k + this.o.capacity) % this.o.capacity;
      if (this.at[slot] >= from) rows.push(slot);
    }
    if (rows.length < this.o.minRows) {
      // too few recent deliveries: the trees trained before stay, and the next try waits as a retrain would
      if (this.model) [this.trainedMs, this.sinceTrained] = [nowMs, 0];
      return;
    }
    const x = new Float64Array(rows.length * d);
    const y = new Float64Array(rows.length);
    rows.forEach((slot, r) => {
      x.set(this.x.subarray(slot * d, slot * d + d), r * d);
      y[r] = this.y[slot];
    });
    this.model = BoostedTrees.train(x, y, rows.length, d, this.o.trees);
    this.trainedMs = nowMs;
    this.sinceTrained = 0;
  }

  /** Bytes the ring's arrays hold (the trees aside). */
  get bytes(): number {
    return this.x.byteLength + this.y.byteLength + this.at.byteLength;
  }

  snapshot(): ResidualRingSnapshot {
    const d = this.dimension;
    const out: ResidualRingSnapshot = { dimension: d, x: [], y: [], atMs: [], sinceTrained: this.sinceTrained };
    for (let k = 0; k < this.filled; k++) {
      const slot = (this.head - this.filled + k + this.o.capacity) % this.o.capacity;
      for (let i = 0; i < d; i++) out.x.push(this.x[slot * d + i]);
      out.y.push(this.y[slot]);
      out.atMs.push(this.at[slot]);
    }
    if (this.trainedMs !== undefined) out.trainedMs = this.trainedMs;
    if (this.model) out.trees = this.model.snapshot();
    return out;
  }

  /** A snapshot of other features (or none) starts empty; one larger than the capacity keeps its latest. */
  static restore(s: ResidualRingSnapshot | undefined, dimension: number, o: ResidualRingOptions): ResidualRing {
    const out = new ResidualRing(dimension, o);
    if (!s || s.dimension !== dimension || s.x.length !== s.y.length * dimension || s.atMs.length !== s.y.length) return out;
    const skip = Math.max(0, s.y.length - o.capacity);
    for (let r = skip; r < s.y.length; r++) {
      out.x.set(s.x.slice(r * dimension, (r + 1) * dimension), out.head * dimension);
      out.y[out.head] = s.y[r];
      out.at[out.head] = s.atMs[r];
      out.head = (out.head + 1) % o.capacity;
      out.filled++;
    }
    out.trainedMs = s.trainedMs;
    out.sinceTrained = s.sinceTrained ?? 0;
    out.model = BoostedTrees.restore(s.trees);
    return out;
  }
}
