import type { ForecastSpread } from './eta-calibration';
import { pitOf, WindowLevels } from './window-levels';

const DAY = 86_400_000;
/** A forecast made on day `t`: 0.1 / 0.5 / 0.9 at 6, 10 and 14 days. */
const made = (t: number): ForecastSpread => ({ atMs: t * DAY, lowerMs: (t + 6) * DAY, medianMs: (t + 10) * DAY, upperMs: (t + 14) * DAY });

/** One forecast a day, delivered `after(i)` days after it is made; then one far later so every cohort is mature. */
function scored(n: number, after: (i: number) => number, w = new WindowLevels(300)): WindowLevels {
  for (let i = 0; i < n; i++) w.record('transit', made(i), (i + after(i)) * DAY);
  w.record('transit', made(n + 100), (n + 110) * DAY);
  return w;
}

describe('WindowLevels', () => {
  it("reads a delivery's PIT on its forecast's 0.1 / 0.5 / 0.9 points", () => {
    expect(pitOf(made(0), 6 * DAY)).toBeCloseTo(0.1, 12);
    expect(pitOf(made(0), 12 * DAY)).toBeCloseTo(0.7, 12);
    expect(pitOf(made(0), 3 * DAY)).toBeCloseTo(0.05, 12);
    expect(pitOf(made(0), 18 * DAY)).toBeGreaterThan(0.9);
    expect(pitOf(made(0), 18 * DAY)).toBeLessThan(1);
  });

  it('keeps the nominal levels until enough mature deliveries are known', () => {
    expect(scored(40, () => 10).windowOf('transit', [0.1, 0.9])).toEqual([0.1, 0.9]);
    expect(scored(200, () => 10).windowOf('handoff', [0.1, 0.9])).toEqual([0.1, 0.9]);
  });

  it('narrows a window that covered too much, widens one that covered too little', () => {
    // all deliveries between 8 and 12 days: the 6..14 window over-covers
    const narrow = scored(200, (i) => 8 + (i % 5)).windowOf('transit', [0.1, 0.9]);
    expect(narrow[0]).toBeGreaterThan(0.1);
    expect(narrow[1]).toBeLessThan(0.9);
    // half of them outside 6..14
    const wide = scored(200, (i) => (i % 2 ? 10 : i % 4 ? 3 : 20)).windowOf('transit', [0.1, 0.9]);
    expect(wide[0]).toBeLessThan(0.1);
    expect(wide[1]).toBeGreaterThan(0.9);
  });

  it('waits for a cohort to mature before it counts: the quick deliveries of recent forecasts are not all there is', () => {
    const w = new WindowLevels(300);
    for (let i = 0; i < 200; i++) w.record('transit', made(i), (i + 8) * DAY);
    expect(w.windowOf('transit', [0.1, 0.9])).not.toEqual([0.1, 0.9]); // the first 160 days' forecasts are mature
    const fresh = new WindowLevels(300);
    for (let i = 0; i < 200; i++) fresh.record('transit', made(0), 8 * DAY + i);
    expect(fresh.windowOf('transit', [0.1, 0.9])).toEqual([0.1, 0.9]);
  });

  it('comes back the same from a snapshot, and an empty one from none', () => {
    const w = scored(200, (i) => 8 + (i % 5));
    const back = WindowLevels.restore(JSON.parse(JSON.stringify(w.snapshot())), 300);
    expect(back.windowOf('transit', [0.1, 0.9])).toEqual(w.windowOf('transit', [0.1, 0.9]));
    expect(WindowLevels.restore(undefined, 300).windowOf('transit', [0.1, 0.9])).toEqual([0.1, 0.9]);
  });
});
