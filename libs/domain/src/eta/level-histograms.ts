/**
 * The gradient histograms of one tree level, every node at once: per node, feature and bin the sum of the rows'
 * residuals and their count (interleaved, one cache line for both), from a single pass over the rows. Each bin's sum
 * is added up in row order, as a per-node pass would, so the splits come out the same to the bit. Counts are whole
 * numbers, so they alone may be subtracted exactly: the root's are the same for every tree, and an odd node's are its
 * parent's less its even sibling's. A feature's top bin (values above its last threshold) is never read by a split
 * search, so its cells are not filled (a constant feature has no other bin, so none of its cells are).
 */
export class LevelHistograms {
  /** [sum, count] per (node, feature, bin): this level's, and the level above's. */
  private cells: Float64Array;
  private above: Float64Array;
  private readonly rootCounts: Float64Array;
  private readonly totals: Float64Array;
  private readonly counts: Float64Array;
  private readonly stride: number;
  /** Each (row, feature)'s cell within its node's block, 2 x (feature x (bins + 1) + its bin), but for top bins. */
  private readonly offsets: Int32Array;
  /** Where each row's cells start in `offsets` (and the next row's, so `rows + 1` of them). */
  private readonly rowStart: Int32Array;
  private readonly block: number;
  /** Nodes in the level being filled. */
  private width = 1;

  /** `codes`: each (row, feature)'s bin, row-major; `edges`: each feature's thresholds (its top bin is their count). */
  constructor(
    codes: Uint16Array,
    private readonly rows: number,
    private readonly d: number,
    private readonly edges: readonly ArrayLike<number>[],
    bins: number,
    maxWidth: number,
  ) {
    this.stride = bins + 1;
    this.block = 2 * d * this.stride;
    this.cells = new Float64Array(maxWidth * this.block);
    this.above = new Float64Array(maxWidth * this.block);
    this.totals = new Float64Array(maxWidth);
    this.counts = new Float64Array(maxWidth);
    const offsets = new Int32Array(rows * d);
    this.rowStart = new Int32Array(rows + 1);
    let n = 0;
    for (let r = 0; r < rows; r++) {
      for (let f = 0; f < d; f++) {
        const code = codes[r * d + f];
        if (code < edges[f].length) offsets[n++] = 2 * (f * this.stride + code);
      }
      this.rowStart[r + 1] = n;
    }
    this.offsets = offsets.subarray(0, n);
    this.rootCounts = new Float64Array(this.block);
    for (let i = 0; i < n; i++) this.rootCounts[offsets[i] + 1]++;
  }

  /** Sums `residual` by node (`node`, 0..width-1 at this level; width 1 is a tree's root), feature and bin. */
  fill(residual: Float64Array, node: Int32Array, width: number): void {
    this.begin(width);
    for (let r = 0; r < this.rows; r++) this.add(r, node[r], residual[r]);
    this.end();
  }

  /**
   * Starts a level of `width` nodes, to be given every row once, in row order, by `add` and closed by `end`: the
   * caller's own pass over the rows (routing them, updating their residuals) fills it on the way.
   */
  begin(width: number): void {
    [this.above, this.cells] = [this.cells, this.above];
    this.width = width;
    this.cells.fill(0, 0, width * this.block);
    this.totals.fill(0, 0, width);
    this.counts.fill(0, 0, width);
  }

  /** Row `r`, in node `k` of the level begun, with residual `g`. */
  add(r: number, k: number, g: number): void {
    const { cells, offsets, rowStart } = this;
    this.totals[k] += g;
    this.counts[k]++;
    const base = k * this.block;
    if (this.width === 1 || k & 1) for (let at = rowStart[r], end = rowStart[r + 1]; at < end; at++) cells[base + offsets[at]] += g;
    else
      for (let at = rowStart[r], end = rowStart[r + 1]; at < end; at++) {
        const i = base + offsets[at];
        cells[i] += g;
        cells[i + 1]++;
      }
  }

  /** Completes the level's counts once every row has been added. */
  end(): void {
    const { cells, block, width } = this;
    if (width === 1) for (let i = 1; i < block; i += 2) cells[i] = this.rootCounts[i];
    else
      for (let k = 1; k < width; k += 2)
        for (let i = 1, odd = k * block, even = odd - block, parent = (k >> 1) * block; i < block; i += 2)
          cells[odd + i] = this.above[parent + i] - cells[even + i];
  }

  /**
   * The split of node `k` that most lowers its rows' squared error, as feature x (bins + 1) + bin, or -1 if none leaves
   * `minLeaf` rows a side.
   */
  bestSplit(k: number, minLeaf: number): number {
    const { cells, d, stride, edges } = this;
    const n = this.counts[k];
    if (n < 2 * minLeaf) return -1;
    const total = this.totals[k];
    let best = -1;
    let bestGain = 1e-12 + (total * total) / n;
    for (let f = 0; f < d; f++) {
      let left = 0;
      let leftN = 0;
      for (let b = 0, i = 2 * (k * d + f) * stride, bins = edges[f].length; b < bins; b++, i += 2) {
        left += cells[i];
        leftN += cells[i + 1];
        const rightN = n - leftN;
        if (leftN < minLeaf) continue;
        if (rightN < minLeaf) break;
        const right = total - left;
        const gain = (left * left) / leftN + (right * right) / rightN;
        if (gain > bestGain) {
          bestGain = gain;
          best = f * stride + b;
        }
      }
    }
    return best;
  }
}
