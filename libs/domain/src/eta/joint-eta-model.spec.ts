import { JOINT_DIMENSION, JointEtaModel, type JointInputs, jointOffsetOf } from './joint-eta-model';

const DAY = 86_400_000;
const ZONE = 'America/Sao_Paulo';
/** Wednesday 2017-05-10 14:30 in São Paulo (UTC-3). */
const WEDNESDAY = Date.parse('2017-05-10T17:30:00Z');
const inputs = (over: Partial<JointInputs> = {}): JointInputs => ({ sellerEffect: 0, cityEffect: 0, startedMs: WEDNESDAY, timeZone: ZONE, ...over });

/** Deliveries where a higher freight meant a later parcel: y = 0.4 (log1p freight - log1p 20) around the median. */
function taught(n: number, model = new JointEtaModel(30, 10)): JointEtaModel {
  for (let k = 0; k < n; k++) {
    const freight = 5 + (k % 7) * 10;
    const reading = model.reading('transit', inputs({ freightTotal: freight, startedMs: WEDNESDAY + (k % 5) * 7 * DAY }), 0);
    model.record('transit', reading, 0.4 * (Math.log1p(freight) - Math.log1p(20)), (k * DAY) / 8); // eight a day
  }
  return model;
}

describe('JointEtaModel', () => {
  it('reads the local weekday and hour the stage began, the parcel in logs', () => {
    const x = new JointEtaModel(30, 10).features('handoff', inputs({ itemCount: 2, priceTotal: 99, freightTotal: 19, promiseLead: 0.3 }));
    expect(x).toHaveLength(JOINT_DIMENSION);
    expect(x.slice(4, 10)).toEqual([0, 0, 1, 0, 0, 0]); // Monday..Saturday: Wednesday
    expect((Math.atan2(x[10], x[11]) / ((2 * Math.PI) / 24) + 24) % 24).toBeCloseTo(14.5, 9);
    expect(x.slice(12)).toEqual([Math.log(2), Math.log(100), Math.log(20)]);
    expect(x[0]).toBe(0.3);
  });

  it('keeps a compact reading (11 numbers, the offset last) that expands to the same features', () => {
    const model = new JointEtaModel(30, 10);
    const given = inputs({ itemCount: 2, priceTotal: 99, freightTotal: 19, promiseLead: 0.3, sellerEffect: 0.1 });
    const reading = model.reading('handoff', given, 0.25);
    expect(reading).toHaveLength(11);
    expect(jointOffsetOf(reading)).toBe(0.25);
    expect(reading[4]).toBe(3); // Wednesday
    expect(model.features('handoff', given)).toEqual([0.3, 0, 0.1, 0, 0, 0, 1, 0, 0, 0, reading[5], reading[6], ...reading.slice(7, 10)]);
  });

  it('reads an unknown feature at its mean (no effect) and a left-out group as a constant', () => {
    const model = taught(400);
    const unknown = model.reading('transit', inputs());
    expect(model.factor('transit', unknown)).toBeCloseTo(
      model.factor('transit', model.reading('transit', inputs({ freightTotal: Math.expm1(unknown[9]) }))),
      12,
    );
    expect(new JointEtaModel(30, 10, ['parcel']).features('transit', inputs({ freightTotal: 50 })).slice(12)).toEqual([0, 0, 0]);
  });

  it('changes nothing until enough deliveries are known, then forecasts a dearer freight later', () => {
    const young = taught(20);
    expect(young.factor('transit', young.reading('transit', inputs({ freightTotal: 65 })))).toBe(1);
    expect(young.spreadScale('transit')).toBe(1);
    const model = taught(400);
    expect(model.factor('transit', model.reading('transit', inputs({ freightTotal: 65 })))).toBeGreaterThan(1.1);
    expect(model.factor('transit', model.reading('transit', inputs({ freightTotal: 5 })))).toBeLessThan(0.9);
    expect(model.factor('handoff', model.reading('handoff', inputs({ freightTotal: 65 })))).toBe(1); // per stage
  });

  it('narrows the spread by what the features explain: most of it here (the penalty keeps a little)', () => {
    expect(taught(400).spreadScale('transit')).toBeLessThan(0.5);
  });

  it('learns what the layers left: the offset is taken from the residual', () => {
    const model = new JointEtaModel(30, 10);
    for (let k = 0; k < 400; k++) {
      const freight = 5 + (k % 7) * 10;
      const y = 0.4 * (Math.log1p(freight) - Math.log1p(20));
      model.record('transit', model.reading('transit', inputs({ freightTotal: freight }), y), y, (k * DAY) / 8); // the layers already explained it all
    }
    expect(model.factor('transit', model.reading('transit', inputs({ freightTotal: 65 })))).toBeCloseTo(1, 9);
  });

  it('restores from its snapshot to the same factors; an older state without it starts empty', () => {
    const model = taught(400);
    const back = JointEtaModel.restore(structuredClone(model.snapshot()), 30, 10);
    const x = model.reading('transit', inputs({ freightTotal: 45 }));
    expect(back.factor('transit', x)).toBe(model.factor('transit', x));
    expect(back.spreadScale('transit')).toBe(model.spreadScale('transit'));
    expect(JointEtaModel.restore(undefined, 30, 10).factor('transit', x)).toBe(1);
  });
});
