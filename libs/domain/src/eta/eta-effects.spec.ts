import type { ForecastSpread } from './eta-calibration';
import { EtaEffects } from './eta-effects';
import type { EtaRoute } from './eta-route';

const DAY = 86_400_000;
const made = (t: number): ForecastSpread => ({ atMs: t * DAY, lowerMs: (t + 3) * DAY, medianMs: (t + 5) * DAY, upperMs: (t + 8) * DAY });
const route = (seller: string, city = 'rio de janeiro'): EtaRoute => ({
  origin: { state: 'SP', zipPrefix: '01001' },
  destination: { state: 'RJ', city, zipPrefix: '20000' },
  seller,
});
const slow = route('slow');
const quick = route('quick');

/** Each day a parcel of each seller, the slow one's arriving twice as late past the forecast as the quick one's. */
function taught(days: number): EtaEffects {
  const e = new EtaEffects(30, 10);
  for (let t = 0; t < days; t++) {
    e.record('transit', slow, made(t), (t + 8) * DAY);
    e.record('transit', quick, made(t), (t + 4) * DAY);
  }
  return e;
}

describe('EtaEffects', () => {
  it('changes nothing for a seller or a city without deliveries, nor in another stage', () => {
    const e = taught(30);
    expect(e.factor('transit', route('new', 'recife'), 30 * DAY)).toBe(1);
    expect(e.factor('handoff', slow, 30 * DAY)).toBe(1);
  });

  it("scales a slow seller's forecasts up and a quick one's down, around the deliveries' mean", () => {
    const e = taught(60);
    const up = e.factor('transit', slow, 60 * DAY);
    const down = e.factor('transit', quick, 60 * DAY);
    expect(up).toBeGreaterThan(1.1);
    expect(down).toBeLessThan(0.9);
    // the shared city saw both halves: it stays near 1, so the sellers' effects carry the difference
    expect(e.factor('transit', route('new'), 60 * DAY)).toBeCloseTo(1, 1);
    expect(up).toBeLessThanOrEqual(2);
  });

  it('leans a seller with few deliveries toward no effect', () => {
    const e = new EtaEffects(30, 10);
    for (let t = 0; t < 40; t++) e.record('transit', quick, made(t), (t + 5) * DAY);
    e.record('transit', slow, made(40), 50 * DAY);
    const one = e.factor('transit', slow, 41 * DAY);
    for (let t = 41; t < 50; t++) e.record('transit', slow, made(t), (t + 10) * DAY);
    expect(one).toBeGreaterThan(1);
    expect(e.factor('transit', slow, 50 * DAY)).toBeGreaterThan(one);
  });

  it('comes back the same from a snapshot', () => {
    const e = taught(60);
    const back = EtaEffects.restore(JSON.parse(JSON.stringify(e.snapshot())), 30, 10);
    expect(back.factor('transit', slow, 61 * DAY)).toBe(e.factor('transit', slow, 61 * DAY));
  });
});
