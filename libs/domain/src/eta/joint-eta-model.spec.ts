import { cappedFactor } from './forecast-residual';
import { JOINT_DIMENSION, JointEtaModel, type JointInputs, TREE_DIMENSION } from './joint-eta-model';
import type { ResidualRingOptions } from './residual-ring';

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

  describe('with trees', () => {
    const trees: ResidualRingOptions = {
      capacity: 1000,
      maxAgeDays: 90,
      everyDays: 7,
      everyDeliveries: 1000,
      minRows: 100,
      trees: { trees: 20, depth: 3, shrinkage: 0.1, minLeaf: 10, bins: 32 },
    };
    const sp = { state: 'SP', zipPrefix: '01310' };
    const rj = { state: 'RJ', zipPrefix: '22041' };
    /** Same-state parcels late, other-state ones early (the sign flip session 9 found), freight as in `taught`. */
    function taughtRoutes(model: JointEtaModel): JointEtaModel {
      for (let k = 0; k < 400; k++) {
        const freight = 5 + (k % 7) * 10;
        const route = { origin: sp, destination: k % 2 ? sp : rj };
        const y = 0.4 * (Math.log1p(freight) - Math.log1p(20)) + (k % 2 ? 0.2 : -0.2);
        model.record('transit', inputs({ freightTotal: freight, route, firstMedianDays: 5 }), y, (k * DAY) / 8);
      }
      return model;
    }

    it('reads the places as codes: zip3s, states, the same state; unknown ones below every known value', () => {
      const x = new JointEtaModel(30, 10, [], trees).treeFeatures(inputs({ route: { origin: sp, destination: rj }, firstMedianDays: 4, itemCount: 2 }));
      expect(x).toHaveLength(TREE_DIMENSION);
      expect([...x.slice(9, 14)]).toEqual([13, 220, 25, 18, 0]); // SP 26th, RJ 19th of the 27 states
      expect(x[14]).toBeCloseTo(Math.log(4), 12);
      expect(x[4]).toBe(3); // Wednesday
      expect(x[5]).toBeCloseTo(14.5, 9);
      expect(x[6]).toBeCloseTo(Math.log(2), 12);
      expect(x[0]).toBeLessThan(-1e6); // no promise: unknown
      const none = new JointEtaModel(30, 10, [], trees).treeFeatures(inputs());
      expect([...none.slice(9)].every((v) => v < -1e6)).toBe(true);
    });

    it('blends: exp of the mean of the ridge fit and the trees fit (capped)', () => {
      const model = taughtRoutes(new JointEtaModel(30, 10, [], trees));
      const ridge = taughtRoutes(new JointEtaModel(30, 10));
      const ring = model.ringOf('transit')!;
      expect(ring.trees).toBeDefined();
      for (const destination of [sp, rj])
        for (const freightTotal of [5, 35, 65]) {
          const x = inputs({ freightTotal, route: { origin: sp, destination }, firstMedianDays: 5 });
          const tree = ring.predict(model.treeFeatures(x))!;
          expect(model.factor('transit', x)).toBeCloseTo(cappedFactor((Math.log(ridge.factor('transit', x)) + tree) / 2), 12);
        }
      // the trees read the same-state split the ridge has no feature for
      const same = model.factor('transit', inputs({ freightTotal: 35, route: { origin: sp, destination: sp }, firstMedianDays: 5 }));
      const other = model.factor('transit', inputs({ freightTotal: 35, route: { origin: sp, destination: rj }, firstMedianDays: 5 }));
      expect(same / other).toBeGreaterThan(1.15); // half of exp(0.4), less what 20 trees of shrinkage 0.1 leave
    });

    it('is the ridge alone until the trees are first trained, and without them keeps no ring', () => {
      const young = new JointEtaModel(30, 10, [], trees);
      const ridge = new JointEtaModel(30, 10);
      for (const m of [young, ridge]) taught(99, m);
      expect(young.ringOf('transit')!.trees).toBeUndefined();
      expect(young.factor('transit', inputs({ freightTotal: 65 }))).toBe(ridge.factor('transit', inputs({ freightTotal: 65 })));
      expect(taughtRoutes(new JointEtaModel(30, 10)).snapshot().rings).toBeUndefined();
    });

    it('restores its rings; an older state without them starts them empty, a model without trees ignores them', () => {
      const model = taughtRoutes(new JointEtaModel(30, 10, [], trees));
      const x = inputs({ freightTotal: 45, route: { origin: sp, destination: sp }, firstMedianDays: 5 });
      const back = JointEtaModel.restore(JSON.parse(JSON.stringify(model.snapshot())), 30, 10, [], trees);
      expect(back.factor('transit', x)).toBe(model.factor('transit', x));
      const { rings, ...older } = model.snapshot();
      expect(rings?.transit?.y).toHaveLength(400);
      const noRings = JointEtaModel.restore(older, 30, 10, [], trees);
      expect(noRings.ringOf('transit')).toBeUndefined();
      expect(noRings.factor('transit', x)).toBe(JointEtaModel.restore(older, 30, 10).factor('transit', x));
      expect(JointEtaModel.restore(model.snapshot(), 30, 10).ringOf('transit')).toBeUndefined();
    });
  });
});
