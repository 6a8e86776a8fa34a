/**
 * Each feature's thresholds (sorted, distinct: up to `bins` of its quantiles) and each row's bin per feature: the
 * number of thresholds below its value, so "bin <= b" is "value <= threshold b".
 */
export function binned(x: ArrayLike<number>, rows: number, d: number, bins: number): { codes: Uint16Array; edges: Float64Array[] } {
  const codes = new Uint16Array(rows * d);
  const edges: Float64Array[] = [];
  const column = new Float64Array(rows);
  const few = new FewValues(rows, bins + 1);
  for (let f = 0; f < d; f++) {
    if (few.read(x, d, f)) {
      edges.push(few.binCodes(codes, d, f));
      continue;
    }
    for (let r = 0; r < rows; r++) column[r] = x[r * d + f];
    column.sort();
    const cut: number[] = [];
    // the distinct values but the largest (each a threshold: values up to it go left); thinned to `bins` quantiles
    const distinct: number[] = [];
    for (let r = 0; r < rows; r++) if (r === 0 || column[r] !== column[r - 1]) distinct.push(column[r]);
    if (distinct.length - 1 <= bins) cut.push(...distinct.slice(0, -1));
    else
      for (let b = 1; b <= bins; b++) {
        const v = column[Math.min(rows - 1, Math.floor((b * rows) / (bins + 1)))];
        if (v < distinct[distinct.length - 1] && (cut.length === 0 || v > cut[cut.length - 1])) cut.push(v);
      }
    const e = Float64Array.from(cut);
    edges.push(e);
    for (let r = 0; r < rows; r++) {
      const v = x[r * d + f];
      let lo = 0;
      let hi = e.length; // the count of thresholds below v
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (v > e[mid]) lo = mid + 1;
        else hi = mid;
      }
      codes[r * d + f] = lo;
    }
  }
  return { codes, edges };
}

/**
 * A feature column of at most `most` distinct values, without a sort: all of them are its thresholds but the largest,
 * and a row's bin is its value's rank, as the sorted path gives (flags and small counts skip the sort). NaN and -0
 * are left to the sorted path, whose order and equality they would bend.
 */
class FewValues {
  private readonly values: Float64Array;
  private readonly slot: Int32Array;
  private count = 0;

  constructor(
    private readonly rows: number,
    private readonly most: number,
  ) {
    this.values = new Float64Array(most);
    this.slot = new Int32Array(rows);
  }

  /** False when column `f` has more than `most` distinct values, or a NaN or -0. */
  read(x: ArrayLike<number>, d: number, f: number): boolean {
    const { values, slot, most } = this;
    let count = 0;
    for (let r = 0; r < this.rows; r++) {
      const v = x[r * d + f];
      if (v !== v || (v === 0 && 1 / v < 0)) return false;
      let s = 0;
      while (s < count && values[s] !== v) s++;
      if (s === count) {
        if (count === most) return false;
        values[count++] = v;
      }
      slot[r] = s;
    }
    this.count = count;
    return true;
  }

  /** Writes the last read column's bins into `codes` and returns its thresholds. */
  binCodes(codes: Uint16Array, d: number, f: number): Float64Array {
    const { values, slot, count } = this;
    const sorted = Float64Array.from(values.subarray(0, count)).sort();
    const rank = new Int32Array(count);
    for (let s = 0; s < count; s++) rank[s] = sorted.indexOf(values[s]);
    for (let r = 0; r < this.rows; r++) codes[r * d + f] = rank[slot[r]];
    return sorted.slice(0, Math.max(0, count - 1));
  }
}
