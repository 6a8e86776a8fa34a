import { JOINT_DIMENSION, JointEtaModel, type JointInputs } from './joint-eta-model';

const DAY = 86_400_000;
const ZONE = 'America/Sao_Paulo';
/** Wednesday 2017-05-10 14:30 in São Paulo (UTC-3). */
const WEDNESDAY = Date.parse('2017-05-10T17:30:00Z');
const inputs = (over: Partial<JointInputs> = {}): JointInputs => ({ sellerEffect: 0, cityEffect: 0, startedMs: WEDNESDAY, timeZone: ZONE, ...over });

/** Deliveries where a higher freight meant a later parcel: y = 0.4 (log1p freight - log1p 20) around the median. */
function taught(n: number, model = new JointEtaModel(30, 10)): JointEtaModel {
  for (let k = 0; k < n; k++) {
    const freight = 5 + (k % 7) * 10;
    model.record(
      'transit',
      inputs({ freightTotal: freight, startedMs: WEDNESDAY + (k % 5) * 7 * DAY }),
      0.4 * (Math.log1p(freight) - Math.log1p(20)),
      (k * DAY) / 8,
    ); // eight a day
  }
  return model;
}

describe('JointEtaModel', () => {
  it('reads the local weekday and hour the stage began, the parcel in logs', () => {
    const x = new JointEtaModel(30, 10).features('handoff', inputs({ itemCount: 2, priceTotal: 99, freightTotal: 19, promiseLead: 0.3 }));
    expect(x).toHaveLength(JOINT_DIMENSION);
    expect(x.slice(4, 10)).toEqual([0, 0, 1, 0, 0, 0]); // Monday..Saturday: Wednesday
    expect((Math.atan2(x[10], x[11]) / ((2 * Math.PI) / 24) + 24) % 24).toBeCloseTo(14.5, 9);
    expect(x.slice(12, 15)).toEqual([Math.log(2), Math.log(100), Math.log(20)]);
    expect(x[0]).toBe(0.3);
  });

  it('reads an unknown feature at its mean (no effect) and a left-out group as a constant', () => {
    const model = taught(400);
    const unknown = model.features('transit', inputs());
    expect(model.factor('transit', inputs())).toBeCloseTo(model.factor('transit', inputs({ freightTotal: Math.expm1(unknown[14]) })), 12);
    expect(new JointEtaModel(30, 10, ['parcel']).features('transit', inputs({ freightTotal: 50 })).slice(12, 15)).toEqual([0, 0, 0]);
  });

  it('changes nothing until enough deliveries are known, then forecasts a dearer freight later', () => {
    const young = taught(20);
    expect(young.factor('transit', inputs({ freightTotal: 65 }))).toBe(1);
    expect(young.spreadScale('transit')).toBe(1);
    const model = taught(400);
    expect(model.factor('transit', inputs({ freightTotal: 65 }))).toBeGreaterThan(1.1);
    expect(model.factor('transit', inputs({ freightTotal: 5 }))).toBeLessThan(0.9);
    expect(model.factor('handoff', inputs({ freightTotal: 65 }))).toBe(1); // per stage
  });

  it("reads the stage's first forecast's median in logs (half a day at least), and learns how the base model's own spread is off", () => {
    const model = new JointEtaModel(30, 10);
    expect(model.features('transit', inputs({ firstMedianDays: 4 }))[15]).toBe(Math.log(4));
    expect(model.features('transit', inputs({ firstMedianDays: 0.1 }))[15]).toBe(Math.log(0.5));
    expect(new JointEtaModel(30, 10, ['stack']).features('transit', inputs({ firstMedianDays: 4 }))[15]).toBe(0);
    // an under-dispersed base: a long forecast was longer still, a short one shorter (y = 0.3 log(median / 6 days))
    for (let k = 0; k < 400; k++) {
      const median = 2 + (k % 9) * 1.5;
      model.record('transit', inputs({ firstMedianDays: median }), 0.3 * Math.log(median / 6), (k * DAY) / 8);
    }
    expect(model.factor('transit', inputs({ firstMedianDays: 14 }))).toBeGreaterThan(1.1);
    expect(model.factor('transit', inputs({ firstMedianDays: 2 }))).toBeLessThan(0.9);
    expect(new JointEtaModel(30, 10, ['stack']).factor('transit', inputs({ firstMedianDays: 14 }))).toBe(1);
  });

  it('narrows the spread by what the features explain: most of it here (the penalty keeps a little)', () => {
    expect(taught(400).spreadScale('transit')).toBeLessThan(0.5);
  });

  it('restores from its snapshot to the same factors; an older state without it starts empty', () => {
    const model = taught(400);
    const back = JointEtaModel.restore(structuredClone(model.snapshot()), 30, 10);
    const x = inputs({ freightTotal: 45 });
    expect(back.factor('transit', x)).toBe(model.factor('transit', x));
    expect(back.spreadScale('transit')).toBe(model.spreadScale('transit'));
    expect(JointEtaModel.restore(undefined, 30, 10).factor('transit', x)).toBe(1);
    // saved before the stacked median (15 columns): not this model's moments, so it starts empty and learns again
    const older = model.snapshot();
    older.transit = { ...older.transit!, x: older.transit!.x.slice(0, 15), xy: older.transit!.xy.slice(0, 15), xx: older.transit!.xx.slice(0, 120) };
    const restarted = JointEtaModel.restore(older, 30, 10);
    expect(restarted.factor('transit', x)).toBe(1);
    expect(taught(400, restarted).factor('transit', x)).toBe(model.factor('transit', x));
  });
});
