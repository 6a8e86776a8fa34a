import { BIN_COUNT, normalised } from './duration-distribution';
import { EtaLearner } from './eta-learner';
import { DEFAULT_ETA_CONFIG } from './eta-model.config';
import { predictEta } from './eta-predictor';
import { remainingQuantilesDays } from './remaining-time';
import type { MassInterval } from './shortest-interval';

const QS = [0.1, 1 / 3, 0.5, 0.9, 0.95];

/** An interval to be found, starting from the equal-tailed 0.1..0.9 one. */
const fresh = (): MassInterval => ({ lowLevel: 0.1, highLevel: 0.9, lowDays: 0, highDays: 0 });

describe('the shortest window (remainingQuantilesDays with a window)', () => {
  it('is the equal-tailed interval for a symmetric distribution', () => {
    const d = new Float64Array(BIN_COUNT);
    for (let i = 0; i < 21; i++) d[10 + i] = 11 - Math.abs(i - 10); // a triangle centred on bin 20
    normalised(d);
    const got = fresh();
    const out = remainingQuantilesDays(d, 0, QS, [], undefined, got);
    expect(got).toEqual({ lowLevel: 0.1, highLevel: 0.9, lowDays: out[0], highDays: out[3] });
  });

  it('starts earlier and is narrower than the equal-tailed interval for a right-skewed one', () => {
    const d = new Float64Array(BIN_COUNT);
    for (let i = 1; i < BIN_COUNT - 1; i++) d[i] = Math.exp(-((Math.log(i / 12) / 0.6) ** 2) / 2) / i; // log-normal, median 6 days
    normalised(d);
    const got = fresh();
    const out = remainingQuantilesDays(d, 0, QS, [], undefined, got);
    expect(got.lowLevel).toBeLessThan(0.1);
    expect(got.lowDays).toBeLessThan(out[0]);
    expect(got.highDays).toBeLessThan(out[3]);
    expect(got.highDays - got.lowDays).toBeLessThan(0.95 * (out[3] - out[0]));
  });
});

describe('predictEta with the shortest window', () => {
  it('shows a window no wider than the equal-tailed one, the rest of the forecast unchanged', () => {
    const route = { origin: { state: 'SP', zipPrefix: '01310' }, destination: { state: 'RJ', zipPrefix: '20040' } };
    const t0 = Date.parse('2017-03-01T12:00:00Z');
    const learn = (cfg: typeof DEFAULT_ETA_CONFIG): EtaLearner => {
      const l = new EtaLearner(cfg);
      for (let i = 0; i < 300; i++) {
        l.observe('handoff', route, (1 + (i % 3)) * 86_400_000, t0 + i * 3_600_000);
        l.observe('transit', route, (3 + ((i * i) % 17) ** 1.5 / 4) * 86_400_000, t0 + i * 3_600_000); // skewed to the right
      }
      return l;
    };
    const now = new Date(t0 + 20 * 86_400_000).toISOString();
    const order = { route, stage: 'handoff' as const, stageStartedAt: now };
    const equal = predictEta(learn(DEFAULT_ETA_CONFIG), order, now);
    const shortest = predictEta(learn({ ...DEFAULT_ETA_CONFIG, window: 'shortest' }), order, now);
    const width = (p: typeof equal): number => Date.parse(p.window.latest) - Date.parse(p.window.earliest);
    expect(width(shortest)).toBeLessThan(width(equal));
    expect(shortest.window.earliest <= equal.window.earliest).toBe(true);
    const { window: _a, ...rest } = shortest;
    const { window: _b, ...restEqual } = equal;
    expect(rest).toEqual(restEqual);
  });
});
