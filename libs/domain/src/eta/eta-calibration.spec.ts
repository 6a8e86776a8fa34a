import { EtaCalibration, type ForecastSpread } from './eta-calibration';

const DAY = 86_400_000;
/** A forecast made on day `t`: median ten days later, window two days either side. */
const made = (t: number, side = 2): ForecastSpread => ({
  atMs: t * DAY,
  lowerMs: (t + 10 - side) * DAY,
  medianMs: (t + 10) * DAY,
  upperMs: (t + 10 + side) * DAY,
});
const current = made(0);

/** One forecast a day, each delivered `late[i]` days after its median, then a delivery far later so all are mature. */
function scored(c: EtaCalibration, late: number[], stage: 'handoff' | 'transit' = 'transit'): EtaCalibration {
  late.forEach((l, i) => c.record(stage, made(i), (i + 10 + l) * DAY));
  c.record(stage, made(late.length + 100), (late.length + 110) * DAY); // itself not mature yet
  return c;
}

describe('EtaCalibration', () => {
  it("gives the model's own quantile until enough deliveries are scored", () => {
    const c = scored(
      new EtaCalibration(300),
      Array.from({ length: 48 }, () => 20),
    );
    expect(c.quantileMs('transit', current, 0.95, 13 * DAY)).toBe(13 * DAY);
  });

  it('widens the late side when deliveries fall later than the window said', () => {
    // late deliveries fell up to twice as far past the median as the window's upper side
    const c = scored(
      new EtaCalibration(300),
      Array.from({ length: 101 }, (_, i) => (i / 100) * 4),
    );
    expect(c.quantileMs('transit', current, 0.5, 0) / DAY).toBeCloseTo(12);
    expect(c.quantileMs('transit', current, 0.9, 0) / DAY).toBeCloseTo(13.6);
    expect(c.quantileMs('handoff', current, 0.9, 12 * DAY)).toBe(12 * DAY); // the other stage learned nothing
  });

  it('scales the residuals by the forecast asked about: a wider forecast gets a wider window', () => {
    const c = scored(
      new EtaCalibration(300),
      Array.from({ length: 100 }, (_, i) => (i % 2 ? 2 : -2)),
    ); // on the window's edges
    const wide = { atMs: 0, lowerMs: 0, medianMs: 10 * DAY, upperMs: 20 * DAY };
    expect(c.quantileMs('transit', wide, 0.99, 0) / DAY).toBeCloseTo(20);
    expect(c.quantileMs('transit', wide, 0.01, 0) / DAY).toBeCloseTo(0);
  });

  it('scores a cohort only once it is mature: the first deliveries are its quick ones', () => {
    const c = new EtaCalibration(300);
    // ten forecasts a day on days 0..9, each delivered five days early, within the same month
    for (let i = 0; i < 100; i++) c.record('transit', made(Math.floor(i / 10)), (Math.floor(i / 10) + 5) * DAY);
    expect(c.quantileMs('transit', current, 0.9, 12 * DAY)).toBe(12 * DAY); // the last month's are not scored yet
  });

  it('keeps only the last deliveries, and a snapshot restores them', () => {
    const c = scored(new EtaCalibration(60), [...Array.from({ length: 60 }, () => 20), ...Array.from({ length: 60 }, () => 0)]);
    expect(c.quantileMs('transit', current, 0.95, 0)).toBe(10 * DAY);
    const back = EtaCalibration.restore(c.snapshot(), 60);
    expect(back.quantileMs('transit', current, 0.95, 0)).toBe(10 * DAY);
    expect(back.snapshot()).toEqual(c.snapshot());
  });

  it('is off with no deliveries kept', () => {
    const c = scored(
      new EtaCalibration(0),
      Array.from({ length: 100 }, () => 20),
    );
    expect(c.quantileMs('transit', current, 0.95, 13 * DAY)).toBe(13 * DAY);
  });
});
