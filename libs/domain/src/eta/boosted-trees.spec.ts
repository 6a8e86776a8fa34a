import { BoostedTrees, type BoostedTreesOptions } from './boosted-trees';

/** A deterministic generator (Park-Miller) for the rows. */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

function rowsOf(n: number, d: number, y: (x: number[]) => number, seed = 7): { x: Float64Array; y: Float64Array; rows: number[][] } {
  const next = rng(seed);
  const rows = Array.from({ length: n }, () => Array.from({ length: d }, () => Math.round(next() * 100) / 100));
  return { x: Float64Array.from(rows.flat()), y: Float64Array.from(rows.map(y)), rows };
}

const stump: BoostedTreesOptions = { trees: 1, depth: 1, shrinkage: 1, minLeaf: 1, bins: 1000 };

describe('BoostedTrees', () => {
  it('a stump is the split with the least squared error over every feature and threshold (direct search)', () => {
    const next = rng(3);
    const { x, y, rows } = rowsOf(60, 3, (r) => (r[1] > 0.6 ? 1 : 0) + 0.3 * r[2] + 0.2 * next());
    const trees = BoostedTrees.train(x, y, 60, 3, stump);
    const mean = y.reduce((a, b) => a + b, 0) / 60;
    let best = { sse: Infinity, left: 0, right: 0, f: -1, t: 0 };
    for (let f = 0; f < 3; f++)
      for (const t of new Set(rows.map((r) => r[f]))) {
        const left = rows.flatMap((r, i) => (r[f] <= t ? [y[i]] : []));
        const right = rows.flatMap((r, i) => (r[f] > t ? [y[i]] : []));
        if (right.length === 0) continue;
        const m = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
        const sse = [left, right].reduce((s, v) => s + v.reduce((a, b) => a + (b - m(v)) ** 2, 0), 0);
        if (sse < best.sse - 1e-12) best = { sse, left: m(left), right: m(right), f, t };
      }
    expect(best.f).toBe(1);
    for (const r of rows) expect(trees.predict(r)).toBeCloseTo((r[best.f] > best.t ? best.right : best.left) - mean, 12);
  });

  it('at depth 0 each tree is one leaf: its residuals mean, shrunk (the residuals pass sums it for the next tree)', () => {
    const { x, y, rows } = rowsOf(50, 2, (r) => r[0] * 3);
    const trees = BoostedTrees.train(x, y, 50, 2, { trees: 3, depth: 0, shrinkage: 0.5, minLeaf: 1, bins: 8 });
    expect(trees.size).toBe(3);
    for (const r of rows) expect(trees.predict(r)).toBeCloseTo(0, 12); // centred rows: every leaf about 0
  });

  it('predicts the deviation from the rows mean, so its mean over them is 0 (centred)', () => {
    const { x, y, rows } = rowsOf(300, 4, (r) => 2 + r[0] - r[3]);
    const trees = BoostedTrees.train(x, y, 300, 4, { trees: 30, depth: 3, shrinkage: 0.1, minLeaf: 5, bins: 32 });
    expect(rows.reduce((s, r) => s + trees.predict(r), 0) / 300).toBeCloseTo(0, 10);
    expect(trees.base).toBeCloseTo(y.reduce((a, b) => a + b, 0) / 300, 12); // where it starts, kept apart
    expect(trees.size).toBe(30);
  });

  it('recovers an interaction a linear fit cannot read (depth 2, no shrinkage)', () => {
    const { x, y, rows } = rowsOf(400, 2, (r) => (r[0] > 0.5 && r[1] > 0.5 ? 1 : 0));
    const trees = BoostedTrees.train(x, y, 400, 2, { trees: 1, depth: 2, shrinkage: 1, minLeaf: 1, bins: 1000 });
    const mean = y.reduce((a, b) => a + b, 0) / 400;
    rows.forEach((r, i) => expect(trees.predict(r)).toBeCloseTo(y[i] - mean, 12));
  });

  it('fits its rows better with more trees (boosting lowers the training error)', () => {
    const { x, y, rows } = rowsOf(500, 3, (r) => Math.sin(6 * r[0]) + r[1] * r[2]);
    const mean = y.reduce((a, b) => a + b, 0) / 500;
    const sse = (n: number): number => {
      const trees = BoostedTrees.train(x, y, 500, 3, { trees: n, depth: 3, shrinkage: 0.1, minLeaf: 10, bins: 32 });
      return rows.reduce((s, r, i) => s + (y[i] - mean - trees.predict(r)) ** 2, 0);
    };
    expect(sse(50)).toBeLessThan(sse(10));
    expect(sse(10)).toBeLessThan(sse(1));
  });

  it('makes no split leaving fewer than minLeaf rows a side: too few rows, no deviation', () => {
    const { x, y, rows } = rowsOf(30, 2, (r) => r[0]);
    const trees = BoostedTrees.train(x, y, 30, 2, { trees: 5, depth: 3, shrinkage: 0.5, minLeaf: 20, bins: 32 });
    for (const r of rows) expect(trees.predict(r)).toBeCloseTo(0, 12);
  });

  it('restores from a JSON copy of its snapshot to the same predictions (a node that did not split too)', () => {
    const { x, y, rows } = rowsOf(100, 3, (r) => r[0] + (r[2] > 0.3 ? 1 : 0));
    const trees = BoostedTrees.train(x, y, 100, 3, { trees: 10, depth: 3, shrinkage: 0.1, minLeaf: 30, bins: 32 });
    const snapshot = JSON.parse(JSON.stringify(trees.snapshot()));
    expect(snapshot.thresholds).toContain(null);
    const back = BoostedTrees.restore(snapshot)!;
    for (const r of rows) expect(back.predict(r)).toBe(trees.predict(r));
    expect(back.base).toBe(trees.base);
    expect(BoostedTrees.restore({ ...snapshot, base: undefined })!.base).toBe(0);
    expect(BoostedTrees.restore({ ...snapshot, leaves: [1, 2, 3] })).toBeUndefined();
  });
});
