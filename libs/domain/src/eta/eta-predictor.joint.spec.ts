import { CALENDAR_TIME, DEFAULT_ETA_CONFIG, daysBetween, EtaEffects, EtaLearner, type EtaRoute, JointEtaModel, jointOffsetOf, predictEta } from '@ot/domain';

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
    const reading = joint.reading('transit', { sellerEffect: 0, cityEffect: 0, startedMs: done - 9 * DAY, timeZone: ZONE, freightTotal: freight });
    joint.record('transit', reading, 0.4 * (Math.log1p(freight) - Math.log1p(35)), done);
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
    expect(dear.joint).toHaveLength(11); // read at the stage's first forecast, to be kept with the order
  });

  it('narrows the window by what the features explain, around the same median', () => {
    const { learner, joint } = taught();
    const mean = joint.reading('transit', { sellerEffect: 0, cityEffect: 0, startedMs: at, timeZone: ZONE }); // every feature at its mean
    const narrowed = predictEta(learner, { ...order(), joint: mean }, iso(at), CALENDAR_TIME, { joint });
    const plain = predictEta(learner, order(), iso(at), CALENDAR_TIME, {});
    expect(narrowed.expected).toBe(plain.expected);
    expect(width(narrowed)).toBeLessThan(width(plain) / 2);
    const { learner: wide, joint: same } = taught({ ...DEFAULT_ETA_CONFIG, jointSpread: false });
    const kept = predictEta(wide, { ...order(), joint: mean }, iso(at), CALENDAR_TIME, { joint: same });
    expect(width(kept)).toBe(width(plain));
  });

  it('stands in for the effects in `replace`; in `top` multiplies on them and learns what they left', () => {
    const effects = new EtaEffects(30, 10);
    const other: EtaRoute = { ...route, seller: 's2' };
    for (let i = 0; i < 100; i++) {
      const spread = { atMs: T0, lowerMs: T0 + 5 * DAY, medianMs: T0 + 10 * DAY, upperMs: T0 + 15 * DAY };
      effects.record('transit', route, spread, T0 + 15 * DAY); // s1 slower than its forecasts
      effects.record('transit', other, spread, T0 + 7 * DAY);
    }
    const slow = effects.factor('transit', route, at);
    expect(slow).toBeGreaterThan(1.1);
    const top = taught({ ...DEFAULT_ETA_CONFIG, jointModel: 'top' });
    const onTop = predictEta(top.learner, order(35), iso(at), CALENDAR_TIME, { joint: top.joint, effects });
    expect(jointOffsetOf(onTop.joint!)).toBeCloseTo(Math.log(slow), 12);
    const replace = taught();
    const instead = predictEta(replace.learner, order(35), iso(at), CALENDAR_TIME, { joint: replace.joint, effects });
    expect(jointOffsetOf(instead.joint!)).toBe(0);
    expect(instead.joint![2]).toBeGreaterThan(0.1); // the seller's effect is a feature instead
    expect(daysBetween(instead.expected, onTop.expected)).toBeGreaterThan(0);
  });
});
