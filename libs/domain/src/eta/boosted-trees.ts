import { binned } from './feature-bins';
import { LevelHistograms } from './level-histograms';

/** How a gradient-boosted ensemble of regression trees is grown (squared error). */
export type BoostedTreesOptions = Readonly<{
  trees: number;
  depth: number;
  shrinkage: number;
  /** A split leaving fewer rows than this on a side is not made. */
  minLeaf: number;
  /** Candidate thresholds per feature: its quantiles in the training rows (all its values when fewer). */
  bins: number;
}>;

/**
 * Complete binary trees of `depth`, stored flat: per tree `2^depth - 1` split nodes (feature, threshold; a row goes
 * right when its value is above the threshold) then `2^depth` leaf values. A node that could not split sends every row
 * left (threshold +Infinity, saved as null in JSON and read back as such).
 */
export type BoostedTreesSnapshot = { depth: number; features: number[]; thresholds: (number | null)[]; leaves: number[]; base?: number };

/**
 * Least-squares gradient boosting of shallow regression trees (Friedman 2001), centred: the ensemble starts at the
 * rows' mean and predicts the deviation from it, never the level (as the ridge beside it). Splits are searched over
 * each feature's quantile thresholds (a histogram per node, all of a level's in one pass), so a tree costs rows x
 * features x depth. Deterministic.
 * Hand-written: npm has no maintained gradient-boosting library for Node (mljs's ml-cart grows single CART trees, with
 * no boosting; ml-xgboost is an old WASM port), and the domain stays free of dependencies.
 */
export class BoostedTrees {
  private constructor(
    private readonly depth: number,
    private readonly features: Int32Array,
    private readonly thresholds: Float64Array,
    private readonly leaves: Float64Array,
    /** The training rows' mean: where the ensemble starts (not in predict(), which is centred). */
    readonly base: number,
  ) {}

  /** How many trees the ensemble holds. */
  get size(): number {
    return this.leaves.length >> this.depth;
  }

  /** The ensemble's deviation from the training rows' mean at `x`. */
  predict(x: ArrayLike<number>): number {
    const { depth, features, thresholds, leaves } = this;
    const inner = (1 << depth) - 1;
    let out = 0;
    for (let t = 0, n = this.size; t < n; t++) {
      const base = t * inner;
      let i = 0;
      for (let level = 0; level < depth; level++) i = 2 * i + (x[features[base + i]] > thresholds[base + i] ? 2 : 1);
      out += leaves[t * (inner + 1) + i - inner];
    }
    return out;
  }

  /** Fits `rows` rows of `d` features (row-major in `x`) to `y`. */
  static train(x: ArrayLike<number>, y: ArrayLike<number>, rows: number, d: number, o: BoostedTreesOptions): BoostedTrees {
    const inner = (1 << o.depth) - 1;
    const features = new Int32Array(o.trees * inner);
    const thresholds = new Float64Array(o.trees * inner).fill(Infinity);
    const leaves = new Float64Array(o.trees * (inner + 1));
    const { codes, edges } = binned(x, rows, d, o.bins);
    let mean = 0;
    for (let r = 0; r < rows; r++) mean += y[r] / rows;
    const residual = new Float64Array(rows);
    for (let r = 0; r < rows; r++) residual[r] = y[r] - mean;
    const node = new Int32Array(rows); // the row's node at the current level, 0-based within the level
    const widest = Math.max(1, 1 << (o.depth - 1)); // nodes of the deepest level
    const histograms = new LevelHistograms(codes, rows, d, edges, o.bins, widest);
    const stride = o.bins + 1;
    const splitBin = new Int32Array(widest);
    const leafSum = new Float64Array(inner + 1);
    const leafCount = new Float64Array(inner + 1);
    // One pass over the rows per level: a level's routing fills the next level's histograms (or the leaves' sums),
    // and the residuals' update the next tree's root; each sum still adds its rows in row order, so the same bits.
    // (At depth 0 a tree is its one leaf, whose sums the residuals' pass adds instead of a root's histograms.)
    const grown = o.depth > 0;
    if (grown) histograms.fill(residual, node, 1);
    else
      for (let r = 0; r < rows; r++) {
        leafSum[0] += residual[r];
        leafCount[0]++;
      }
    for (let t = 0; t < o.trees; t++) {
      for (let level = 0; level < o.depth; level++) {
        const width = 1 << level;
        for (let k = 0; k < width; k++) {
          const at = t * inner + width - 1 + k;
          const split = histograms.bestSplit(k, o.minLeaf);
          splitBin[k] = -1; // every row left
          if (split >= 0) {
            features[at] = Math.floor(split / stride);
            splitBin[k] = split % stride;
            thresholds[at] = edges[features[at]][splitBin[k]];
          }
        }
        const last = level === o.depth - 1;
        if (!last) histograms.begin(2 * width);
        for (let r = 0; r < rows; r++) {
          const k = node[r];
          const f = features[t * inner + width - 1 + k];
          const next = 2 * k + (splitBin[k] >= 0 && codes[r * d + f] > splitBin[k] ? 1 : 0);
          node[r] = next;
          if (!last) histograms.add(r, next, residual[r]);
          else {
            leafSum[next] += residual[r];
            leafCount[next]++;
          }
        }
        if (!last) histograms.end();
      }
      for (let l = 0; l <= inner; l++) leaves[t * (inner + 1) + l] = leafCount[l] > 0 ? (o.shrinkage * leafSum[l]) / leafCount[l] : 0;
      leafSum.fill(0);
      leafCount.fill(0);
      const more = t + 1 < o.trees;
      if (more && grown) histograms.begin(1);
      for (let r = 0; r < rows; r++) {
        residual[r] -= leaves[t * (inner + 1) + node[r]];
        node[r] = 0;
        if (!more) continue;
        if (grown) histograms.add(r, 0, residual[r]);
        else {
          leafSum[0] += residual[r];
          leafCount[0]++;
        }
      }
      if (more && grown) histograms.end();
    }
    return new BoostedTrees(o.depth, features, thresholds, leaves, mean);
  }

  snapshot(): BoostedTreesSnapshot {
    return {
      depth: this.depth,
      features: [...this.features],
      thresholds: [...this.thresholds].map((v) => (v === Infinity ? null : v)),
      leaves: [...this.leaves],
      base: this.base,
    };
  }

  /** undefined when the snapshot is not a whole ensemble. */
  static restore(s: BoostedTreesSnapshot | undefined): BoostedTrees | undefined {
    if (!s || !(s.depth > 0)) return undefined;
    const inner = (1 << s.depth) - 1;
    const trees = s.leaves.length / (inner + 1);
    if (!Number.isInteger(trees) || s.features.length !== trees * inner || s.thresholds.length !== trees * inner) return undefined;
    return new BoostedTrees(
      s.depth,
      Int32Array.from(s.features),
      Float64Array.from(s.thresholds.map((v) => (v === null ? Infinity : v))),
      Float64Array.from(s.leaves),
      s.base ?? 0,
    );
  }
}
