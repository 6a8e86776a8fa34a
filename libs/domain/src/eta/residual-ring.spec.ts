import { BoostedTrees } from './boosted-trees';
import { ResidualRing, type ResidualRingOptions } from './residual-ring';

const DAY = 86_400_000;
const options: ResidualRingOptions = {
  capacity: 50,
  maxAgeDays: 10,
  everyDays: 2,
  everyDeliveries: 1000,
  minRows: 20,
  trees: { trees: 5, depth: 2, shrinkage: 0.5, minLeaf: 3, bins: 16 },
};
/** Delivery k: at k / 4 days (four a day), x = (k mod 7, k mod 3), y = 0.1 (k mod 7) + (k mod 3 = 0 ? 0.2 : 0). */
const xOf = (k: number): number[] => [k % 7, k % 3];
const yOf = (k: number): number => 0.1 * (k % 7) + (k % 3 === 0 ? 0.2 : 0);
const atOf = (k: number): number => (k * DAY) / 4;

function fed(n: number, o = options): ResidualRing {
  const ring = new ResidualRing(2, o);
  for (let k = 0; k < n; k++) ring.record(xOf(k), yOf(k), atOf(k));
  return ring;
}

/** The trees a direct training on deliveries `from`..`to` (inclusive) gives. */
function direct(from: number, to: number, o = options): BoostedTrees {
  const ks = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return BoostedTrees.train(Float64Array.from(ks.flatMap(xOf)), Float64Array.from(ks.map(yOf)), ks.length, 2, o.trees);
}

const probes = [
  [0, 0],
  [3, 1],
  [6, 2],
  [2, 0],
];

describe('ResidualRing', () => {
  it('keeps the last `capacity` deliveries, oldest first in its snapshot', () => {
    const ring = fed(70);
    expect(ring.size).toBe(50);
    const s = ring.snapshot();
    expect(s.y).toEqual(Array.from({ length: 50 }, (_, i) => yOf(20 + i)));
    expect(s.atMs[0]).toBe(atOf(20));
    expect(s.x.slice(0, 2)).toEqual(xOf(20));
    expect(ring.bytes).toBe(50 * 4 * 8);
  });

  it('trains first at minRows deliveries, on them alone (walk-forward)', () => {
    expect(fed(19).trees).toBeUndefined();
    const ring = fed(20); // deliveries 0..19, the last at 4.75 days
    const expected = direct(0, 19);
    for (const p of probes) expect(ring.predict(p)).toBe(expected.predict(p));
  });

  it('retrains once everyDays have passed, on what it knew then within maxAgeDays', () => {
    // trained at delivery 19 (4.75 d), 27 (6.75 d), 35 (8.75 d), 43 (10.75 d), 51 (12.75 d): the latest on 51's last 10 days
    const ring = fed(55);
    const from = 51 - 40; // at >= 12.75 - 10 days: delivery 11 on
    const expected = direct(from, 51);
    for (const p of probes) expect(ring.predict(p)).toBe(expected.predict(p));
    expect(ring.snapshot().trainedMs).toBe(atOf(51));
  });

  it('retrains after everyDeliveries, however little time passed', () => {
    const ring = fed(26, { ...options, everyDeliveries: 3 }); // trained at 19, 22, 25
    expect(ring.snapshot().trainedMs).toBe(atOf(25));
    const expected = direct(0, 25);
    for (const p of probes) expect(ring.predict(p)).toBe(expected.predict(p));
  });

  it('keeps its trees through a lull (too few recent deliveries) and tries again a retrain later', () => {
    const ring = fed(20); // trained at 4.75 d on 0..19
    const before = probes.map((p) => ring.predict(p));
    ring.record(xOf(20), yOf(20), atOf(19) + 30 * DAY); // alone in its last 10 days
    expect(probes.map((p) => ring.predict(p))).toEqual(before);
    expect(ring.snapshot().trainedMs).toBe(atOf(19) + 30 * DAY);
  });

  it('with `level`, predicts the residual itself: the deviation plus the mean of the rows trained on', () => {
    const centred = fed(20);
    const level = fed(20, { ...options, level: true });
    const mean = Array.from({ length: 20 }, (_, k) => yOf(k)).reduce((a, b) => a + b, 0) / 20;
    for (const p of probes) expect(level.predict(p)).toBeCloseTo(centred.predict(p)! + mean, 12);
  });

  it('restores to the same trees and goes on as the original; another shape starts empty', () => {
    const ring = fed(40);
    const back = ResidualRing.restore(JSON.parse(JSON.stringify(ring.snapshot())), 2, options);
    for (const p of probes) expect(back.predict(p)).toBe(ring.predict(p));
    for (let k = 40; k < 60; k++) {
      ring.record(xOf(k), yOf(k), atOf(k));
      back.record(xOf(k), yOf(k), atOf(k));
    }
    expect(back.snapshot()).toEqual(ring.snapshot());
    expect(ResidualRing.restore(ring.snapshot(), 3, options).size).toBe(0);
    expect(ResidualRing.restore(undefined, 2, options).trees).toBeUndefined();
    expect(ResidualRing.restore(ring.snapshot(), 2, { ...options, capacity: 10 }).snapshot().y).toEqual(ring.snapshot().y.slice(-10));
  });
});
