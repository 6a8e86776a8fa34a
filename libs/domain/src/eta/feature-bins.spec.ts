import { binned } from './feature-bins';

/** The sorted binning alone (before columns of few values skipped the sort), as the reference. */
function sortedBins(x: Float64Array, rows: number, d: number, bins: number): { codes: Uint16Array; edges: Float64Array[] } {
  const codes = new Uint16Array(rows * d);
  const edges: Float64Array[] = [];
  for (let f = 0; f < d; f++) {
    const column = Float64Array.from({ length: rows }, (_, r) => x[r * d + f]).sort();
    const distinct = [...column].filter((v, r) => r === 0 || v !== column[r - 1]);
    const cut: number[] = [];
    if (distinct.length - 1 <= bins) cut.push(...distinct.slice(0, -1));
    else
      for (let b = 1; b <= bins; b++) {
        const v = column[Math.min(rows - 1, Math.floor((b * rows) / (bins + 1)))];
        if (v < distinct[distinct.length - 1] && (cut.length === 0 || v > cut[cut.length - 1])) cut.push(v);
      }
    edges.push(Float64Array.from(cut));
    for (let r = 0; r < rows; r++) codes[r * d + f] = cut.filter((t) => x[r * d + f] > t).length;
  }
  return { codes, edges };
}

/** A deterministic generator (Park-Miller). */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

describe('binned', () => {
  const bins = 8;
  const rows = 300;
  const next = rng(5);
  const columns: Record<string, () => number> = {
    constant: () => 3,
    flag: () => (next() < 0.3 ? 1 : 0),
    'bins + 1 values': () => Math.floor(next() * (bins + 1)) - 4,
    'bins + 2 values': () => Math.floor(next() * (bins + 2)) * 0.5,
    continuous: () => next() * 100 - 50,
    'with NaN': () => (next() < 0.1 ? NaN : Math.floor(next() * 3)),
    'with -0': () => [0, -0, 2][Math.floor(next() * 3)],
  };

  it.each(Object.keys(columns))("gives the sorted path's thresholds and bins for a column %s", (name) => {
    const d = 2;
    const x = Float64Array.from({ length: rows * d }, (_, i) => (i % d === 0 ? columns[name]() : next()));
    const got = binned(x, rows, d, bins);
    const want = sortedBins(x, rows, d, bins);
    expect(got.edges.map((e) => [...e])).toEqual(want.edges.map((e) => [...e]));
    expect(Object.is(got.edges[0][0], want.edges[0][0])).toBe(true); // -0 stays -0
    expect([...got.codes]).toEqual([...want.codes]);
  });
});
