import { BIN_COUNT, CureCounts, cureWeights } from '@ot/domain';

/** Hazards from a seeded generator: an arbitrary lane's arriving parcels. */
function hazards(seed: number): Float64Array {
  let x = seed;
  const h = new Float64Array(BIN_COUNT);
  for (let j = 0; j < BIN_COUNT; j++) {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    h[j] = j === BIN_COUNT - 1 ? 1 : (x / 2_147_483_648) * 0.3;
  }
  return h;
}

describe('cure fraction', () => {
  it('weights an open parcel by the chance it still arrives, as computed directly from the distribution', () => {
    for (const seed of [1, 7, 42]) {
      const h = hazards(seed);
      // the distribution of arriving parcels, then S(L) = 1 - P(ended in bins 0..L-1), then the weight
      const dist: number[] = [];
      let alive = 1;
      for (let j = 0; j < BIN_COUNT; j++) {
        dist.push(alive * h[j]);
        alive *= 1 - h[j];
      }
      for (const p of [0, 0.02, 0.1, 0.5]) {
        const w = cureWeights(h, p, new Float64Array(BIN_COUNT + 1));
        for (let L = 0; L <= BIN_COUNT; L++) {
          const S = Math.max(0, 1 - dist.slice(0, L).reduce((a, b) => a + b, 0));
          const direct = p + (1 - p) * S > 0 ? ((1 - p) * S) / (p + (1 - p) * S) : 1;
          expect(w[L]).toBeCloseTo(direct, 9);
        }
        expect(w[0]).toBeCloseTo(1 - p, 12); // a parcel that has lived no bin: the lane's share alone
      }
    }
  });

  it('gives weight 1 at every age when no parcel is ever lost, and less to older parcels when some are', () => {
    const h = hazards(3);
    expect([...cureWeights(h, 0, new Float64Array(BIN_COUNT + 1))].every((w) => w === 1)).toBe(true);
    const w = cureWeights(h, 0.1, new Float64Array(BIN_COUNT + 1));
    for (let L = 1; L <= BIN_COUNT; L++) expect(w[L]).toBeLessThanOrEqual(w[L - 1]);
    expect(w[BIN_COUNT]).toBe(0);
  });

  it('counts resolved parcels decayed from when they were known, and takes back a loss', () => {
    const day = 86_400_000;
    const c = new CureCounts(30 * day);
    c.delivered('g', 0);
    c.delivered('g', 0);
    c.lost('g', 30 * day);
    expect(c.at('g', 30 * day).lost).toBeCloseTo(1, 12);
    expect(c.at('g', 30 * day).resolved).toBeCloseTo(2, 12); // two deliveries a half-life old, one fresh loss
    c.lost('g', 30 * day, -1);
    expect(c.at('g', 60 * day).lost).toBeCloseTo(0, 12);
    expect(c.at('g', 60 * day).resolved).toBeCloseTo(0.5, 12);
    expect(c.at('unseen', 0)).toEqual({ lost: 0, resolved: 0 });
  });
});
