import { BIN_COUNT, binOf, type Distribution } from './duration-distribution';

/** What a histogram persists as: weights as of `at` (epoch ms). */
export type HistogramSnapshot = { weights: number[]; total: number; at: number };

/**
 * Counts of observed durations where every observation loses weight exponentially with age
 * (half-life `halfLifeMs`), so the histogram follows congestion (a holiday peak) and forgets it
 * again. Decay is applied lazily, only when something is added or read.
 */
export class DecayedHistogram {
  private weights = new Float64Array(BIN_COUNT);
  private total = 0;
  private at = Number.NEGATIVE_INFINITY;
  private added = 0;

  constructor(private readonly halfLifeMs: number) {}

  add(durationDays: number, atMs: number): void {
    if (this.total === 0 || atMs > this.at) this.decayTo(atMs);
    // an observation older than the histogram's clock enters already decayed
    const weight = atMs < this.at ? this.factor(this.at - atMs) : 1;
    this.weights[binOf(durationDays)] += weight;
    this.total += weight;
    this.added++;
  }

  /** Moves on every add(): whatever was derived from counts() alone holds while it stays the same. */
  get revision(): number {
    return this.added;
  }

  /** Effective number of observations at `atMs`: one fresh delivery counts 1, one a half-life old 0.5. */
  weightAt(atMs: number): number {
    return this.total === 0 ? 0 : this.total * this.factor(Math.max(0, atMs - this.at));
  }

  /** How much one unit of the stored counts is worth at `atMs` (1 at the histogram's clock, less later). */
  factorAt(atMs: number): number {
    return this.total === 0 ? 0 : this.factor(Math.max(0, atMs - this.at));
  }

  /** Raw (decayed to the last update) counts; the caller normalises or blends them. */
  counts(): Distribution {
    return this.weights;
  }

  snapshot(): HistogramSnapshot {
    return { weights: Array.from(this.weights), total: this.total, at: Number.isFinite(this.at) ? this.at : 0 };
  }

  static restore(halfLifeMs: number, s: HistogramSnapshot): DecayedHistogram {
    const h = new DecayedHistogram(halfLifeMs);
    h.weights = Float64Array.from(s.weights);
    h.total = s.total;
    h.at = s.at;
    return h;
  }

  private decayTo(atMs: number): void {
    if (this.total > 0) {
      const f = this.factor(atMs - this.at);
      for (let i = 0; i < this.weights.length; i++) this.weights[i] *= f;
      this.total *= f;
    }
    this.at = atMs;
  }

  private factor(ageMs: number): number {
    return Math.pow(0.5, ageMs / this.halfLifeMs);
  }
}
