import { MatureRing, quantileOf } from './mature-ring';

const DAY = 86_400_000;

/** Forecasts made on days 0..n-1, each delivered ten days later with value `value(i)`; then one far later so all are mature. */
function filled(n: number, value: (i: number) => number, ring = new MatureRing(300, 'value')): MatureRing<'value'> {
  for (let i = 0; i < n; i++) ring.add('transit', i * DAY, value(i), (i + 10) * DAY);
  ring.add('transit', (n + 100) * DAY, -1, (n + 110) * DAY);
  return ring;
}

describe('MatureRing', () => {
  it('holds a value back until forecasts of its day are a month old', () => {
    const ring = new MatureRing(300, 'value');
    for (let i = 0; i < 60; i++) ring.add('transit', 0, i, i * 1000); // one cohort, delivered at once
    expect(ring.sorted('transit')).toBeUndefined();
    ring.add('transit', 29 * DAY, 99, 31 * DAY);
    expect(ring.sorted('transit')).toHaveLength(60); // day 0's cohort is mature, day 29's is not
    expect(ring.snapshot().pending).toEqual([{ stage: 'transit', atMs: 29 * DAY, value: 99 }]);
  });

  it('is trusted from 50 values, per stage', () => {
    expect(filled(49, (i) => i).sorted('transit')).toBeUndefined();
    expect(filled(50, (i) => i).sorted('transit')).toHaveLength(50);
    expect(filled(50, (i) => i).sorted('handoff')).toBeUndefined();
  });

  it('keeps the last `size` values, the oldest forecast out first, sorted on read', () => {
    const ring = filled(120, (i) => 1000 - i, new MatureRing(60, 'value'));
    const sorted = ring.sorted('transit')!;
    expect([...sorted]).toEqual(Array.from({ length: 60 }, (_, i) => 1000 - 119 + i)); // forecasts 60..119
    expect(ring.sorted('transit')).toBe(sorted); // made once until a value comes in
    ring.add('transit', 500 * DAY, 0, 600 * DAY);
    expect(ring.sorted('transit')).not.toBe(sorted);
  });

  it('settles a cohort in forecast order, whatever the delivery order', () => {
    const ring = new MatureRing(50, 'value');
    for (let i = 0; i < 100; i++) ring.add('transit', (99 - i) * DAY, 99 - i, (100 + i) * 3_600_000); // the latest forecasts delivered first
    ring.add('transit', 300 * DAY, -1, 300 * DAY);
    expect(ring.sorted('transit')![0]).toBe(50); // forecasts 50..99 are the last 50
  });

  it('comes back the same from a snapshot, trimmed to its size, and keeps nothing at size 0', () => {
    const ring = filled(80, (i) => i % 7);
    ring.add('handoff', 200 * DAY, 3, 200 * DAY);
    const back = MatureRing.restore(JSON.parse(JSON.stringify(ring.snapshot())), 300, 'value');
    expect(back.snapshot()).toEqual(ring.snapshot());
    expect(MatureRing.restore(ring.snapshot(), 60, 'value').snapshot().transit).toEqual(ring.snapshot().transit.slice(-60));
    expect(MatureRing.restore(ring.snapshot(), 0, 'value').snapshot()).toEqual({ handoff: [], transit: [], pending: [] });
    const off = new MatureRing(0, 'value');
    off.add('transit', 0, 1, 100 * DAY);
    expect(off.snapshot()).toEqual({ handoff: [], transit: [], pending: [] });
  });

  it('reads a quantile between order statistics', () => {
    const sorted = Float64Array.from([0, 10, 20, 30, 40]);
    expect(quantileOf(sorted, 0)).toBe(0);
    expect(quantileOf(sorted, 0.5)).toBe(20);
    expect(quantileOf(sorted, 0.1)).toBeCloseTo(4, 12);
    expect(quantileOf(sorted, 1)).toBe(40);
  });
});
