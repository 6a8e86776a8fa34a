import { LevelHistograms } from './level-histograms';

/** A deterministic generator (Park-Miller). */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/** The best split of node `k` searched directly over its rows: feature x (bins + 1) + bin, or -1. */
function directSplit(codes: Uint16Array, g: Float64Array, node: Int32Array, k: number, d: number, bins: number, minLeaf: number): number {
  const mine = [...node.keys()].filter((r) => node[r] === k);
  const total = mine.reduce((s, r) => s + g[r], 0);
  let [best, bestGain] = [-1, 1e-12 + (total * total) / mine.length];
  if (mine.length < 2 * minLeaf) return -1;
  for (let f = 0; f < d; f++)
    for (let b = 0; b < bins; b++) {
      const left = mine.filter((r) => codes[r * d + f] <= b);
      const right = mine.length - left.length;
      if (left.length < minLeaf || right < minLeaf) continue;
      const sum = left.reduce((s, r) => s + g[r], 0);
      const gain = (sum * sum) / left.length + ((total - sum) * (total - sum)) / right;
      if (gain > bestGain) [best, bestGain] = [f * (bins + 1) + b, gain];
    }
  return best;
}

describe('LevelHistograms', () => {
  it("finds each node's best split as a direct search does, the odd nodes' counts from their parent's", () => {
    const [rows, d, bins, minLeaf] = [200, 3, 4, 5];
    const next = rng(11);
    // bin `bins` is each feature's top bin (above its last threshold), which no split reads
    const codes = Uint16Array.from({ length: rows * d }, () => Math.floor(next() * (bins + 1)));
    const g = Float64Array.from({ length: rows }, () => next() - 0.5);
    const edges = Array.from({ length: d }, () => new Float64Array(bins));
    const histograms = new LevelHistograms(codes, rows, d, edges, bins, 4);
    let node = new Int32Array(rows);
    for (const width of [1, 2, 4]) {
      histograms.fill(g, node, width);
      for (let k = 0; k < width; k++) expect(histograms.bestSplit(k, minLeaf)).toBe(directSplit(codes, g, node, k, d, bins, minLeaf));
      node = node.map((k, r) => 2 * k + (codes[r * d + (k % d)] > 1 ? 1 : 0)); // any split of each node will do
    }
  });
});
