import { CALENDAR_TIME, DEFAULT_ETA_CONFIG, daysBetween, EtaEffects, EtaLearner, type EtaRoute, JointEtaModel, predictEta } from '@ot/domain';

const DAY = 86_400_000;
const route: EtaRoute = { origin: { state: 'SP', zipPrefix: '01310' }, destination: { state: 'RJ', zipPrefix: '20040' }, seller: 's1' };
const T0 = Date.parse('2017-03-01T12:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString();
const ZONE = DEFAULT_ETA_CONFIG.timeZone;

/** Transits of 3 to 27 days, and a joint model taught that a dearer freight takes longer (it explains most of y). */
function taught(config = DEFAULT_ETA_CONFIG): { learner: EtaLearner; joint: JointEtaModel } {
  const learner = new EtaLearner(config);
  const joint = new JointEtaModel(30, 10);
  for (let i = 0; i < 400; i++) {
    const done = T0 + i * 3 * 3_600_000;
    learner.observe('handoff', route, 2 * DAY, done);
    learner.observe('transit', route, (3 + (i % 25)) * DAY, done);
    const freight = 5 + (i % 7) * 10;
    joint.record(
      'transit',
      { sellerEffect: 0, cityEffect: 0, startedMs: done - 9 * DAY, timeZone: ZONE, freightTotal: freight },
      0.4 * (Math.log1p(freight) - Math.log1p(35)),
      done,
    );
  }
  return { learner, joint };
}

describe('ETA model: the joint model in a forecast', () => {
  const at = T0 + 50 * DAY;
  const order = (freightTotal?: number) => ({ route, stage: 'transit', stageStartedAt: iso(at), freightTotal }) as const;
  const width = (p: ReturnType<typeof predictEta>): number => daysBetween(p.window.earliest, p.window.latest);

  it('forecasts a dearer freight later and a cheaper one earlier', () => {
    const { learner, joint } = taught();
    const dear = predictEta(learner, order(65), iso(at), CALENDAR_TIME, { joint });
    const cheap = predictEta(learner, order(5), iso(at), CALENDAR_TIME, { joint });
    expect(daysBetween(cheap.expected, dear.expected)).toBeGreaterThan(2);
  });

  it('narrows the window by what the features explain, around the same median', () => {
    const { learner, joint } = taught();
    const narrowed = predictEta(learner, order(), iso(at), CALENDAR_TIME, { joint }); // the freight unknown: read at its mean
    const plain = predictEta(learner, order(), iso(at), CALENDAR_TIME, {});
    expect(narrowed.expected).toBe(plain.expected);
    expect(width(narrowed)).toBeLessThan(width(plain) / 2);
    const { learner: wide, joint: same } = taught({ ...DEFAULT_ETA_CONFIG, jointSpread: false });
    const kept = predictEta(wide, order(), iso(at), CALENDAR_TIME, { joint: same });
    expect(width(kept)).toBe(width(plain));
  });

  it("reads the seller's effect as of the forecast, as a feature instead of the effects' factor", () => {
    const effects = new EtaEffects(30, 10);
    const other: EtaRoute = { ...route, seller: 's2' };
    for (let i = 0; i < 100; i++) {
      const spread = { atMs: T0, lowerMs: T0 + 5 * DAY, medianMs: T0 + 10 * DAY, upperMs: T0 + 15 * DAY };
      effects.record('transit', route, spread, T0 + 15 * DAY); // s1 slower than its forecasts
      effects.record('transit', other, spread, T0 + 7 * DAY);
    }
    expect(effects.factor('transit', route, at)).toBeGreaterThan(1.1);
    const { learner } = taught();
    const joint = new JointEtaModel(30, 10); // taught that the seller's effect is the residual
    for (let i = 0; i < 400; i++) {
      const effect = ((i % 7) - 3) / 10;
      joint.record('transit', { sellerEffect: effect, cityEffect: 0, startedMs: T0 + i * 3_600_000, timeZone: ZONE }, effect, T0 + i * 3 * 3_600_000);
    }
    const without = predictEta(learner, order(), iso(at), CALENDAR_TIME, { joint });
    const slower = predictEta(learner, order(), iso(at), CALENDAR_TIME, { joint, effects });
    const layers = predictEta(taught({ ...DEFAULT_ETA_CONFIG, jointModel: 'off' }).learner, order(), iso(at), CALENDAR_TIME, { effects });
    expect(daysBetween(without.expected, slower.expected)).toBeGreaterThan(0);
    expect(Math.abs(daysBetween(layers.expected, slower.expected))).toBeLessThanOrEqual(1); // once: not the factor on top
  });

  it("reads the promise's lead against the stage's first forecast (kept by the order), not against the latest", () => {
    const { learner } = taught();
    const joint = new JointEtaModel(30, 10); // taught that a longer lead means a later parcel
    for (let i = 0; i < 400; i++) {
      const lead = ((i % 9) - 4) / 4;
      joint.record(
        'transit',
        { promiseLead: lead, sellerEffect: 0, cityEffect: 0, startedMs: T0 + i * 3_600_000, timeZone: ZONE },
        0.5 * lead,
        T0 + i * 3 * 3_600_000,
      );
    }
    const promised = { ...order(), promisedBy: '2017-05-10' };
    const latest = predictEta(learner, promised, iso(at), CALENDAR_TIME, { joint });
    const first = { atMs: at - 10 * DAY, lowerMs: at - 8 * DAY, medianMs: at - 7 * DAY, upperMs: at - 2 * DAY }; // the promise lay far beyond it
    const kept = predictEta(learner, { ...promised, stageSpread: first }, iso(at), CALENDAR_TIME, { joint });
    expect(daysBetween(latest.expected, kept.expected)).toBeGreaterThan(0);
  });

  it("reads the base model's own median from the stage's first forecast (stacking), not from the latest", () => {
    const { learner } = taught();
    const joint = new JointEtaModel(30, 10); // taught that the base model is under-dispersed: long medians longer still
    for (let i = 0; i < 400; i++) {
      const median = 2 + (i % 9) * 1.5;
      joint.record(
        'transit',
        { firstMedianDays: median, sellerEffect: 0, cityEffect: 0, startedMs: T0, timeZone: ZONE },
        0.3 * Math.log(median / 6),
        T0 + i * 3_600_000,
      );
    }
    const firstOf = (days: number) => ({ atMs: at - DAY, lowerMs: at, medianMs: at - DAY + days * DAY, upperMs: at + 20 * DAY });
    const long = predictEta(learner, { ...order(), stageSpread: firstOf(14) }, iso(at), CALENDAR_TIME, { joint });
    const short = predictEta(learner, { ...order(), stageSpread: firstOf(2) }, iso(at), CALENDAR_TIME, { joint });
    expect(daysBetween(short.expected, long.expected)).toBeGreaterThan(2);
    const ignored = predictEta(learner, { ...order(), stageSpread: firstOf(14) }, iso(at), CALENDAR_TIME, { joint: new JointEtaModel(30, 10, ['stack']) });
    expect(ignored.expected).toBe(predictEta(learner, order(), iso(at), CALENDAR_TIME, {}).expected);
  });
});
