import { EtaCalibration } from './eta-calibration';

const DAY = 86_400_000;
const spread = { lowerMs: 8 * DAY, medianMs: 10 * DAY, upperMs: 12 * DAY };

describe('EtaCalibration', () => {
  it("gives the model's own quantile until enough deliveries are scored", () => {
    const c = new EtaCalibration(300);
    for (let i = 0; i < 49; i++) c.record('handoff', spread, 30 * DAY);
    expect(c.quantileMs('handoff', spread, 0.95, 13 * DAY)).toBe(13 * DAY);
  });

  it('widens the late side when deliveries fall later than the window said', () => {
    const c = new EtaCalibration(300);
    // late deliveries fell up to twice as far past the median as the window's upper side
    for (let i = 0; i <= 100; i++) c.record('transit', spread, 10 * DAY + (i / 100) * 4 * DAY);
    expect(c.quantileMs('transit', spread, 0.5, 0) / DAY).toBeCloseTo(12);
    expect(c.quantileMs('transit', spread, 0.9, 0) / DAY).toBeCloseTo(10 + 3.6 * 1);
    // the other stage learned nothing
    expect(c.quantileMs('handoff', spread, 0.9, 12 * DAY)).toBe(12 * DAY);
  });

  it('scales the residuals by the forecast asked about: a wider forecast gets a wider window', () => {
    const c = new EtaCalibration(300);
    for (let i = 0; i < 100; i++) c.record('transit', spread, (i % 2 ? 12 : 8) * DAY); // exactly on the window's edges
    const wide = { lowerMs: 0, medianMs: 10 * DAY, upperMs: 20 * DAY };
    expect(c.quantileMs('transit', wide, 0.99, 0) / DAY).toBeCloseTo(20);
    expect(c.quantileMs('transit', wide, 0.01, 0) / DAY).toBeCloseTo(0);
  });

  it('keeps only the last deliveries, and a snapshot restores them', () => {
    const c = new EtaCalibration(60);
    for (let i = 0; i < 60; i++) c.record('transit', spread, 30 * DAY); // far late
    for (let i = 0; i < 60; i++) c.record('transit', spread, 10 * DAY); // on the median
    expect(c.quantileMs('transit', spread, 0.95, 0)).toBe(10 * DAY);
    const back = EtaCalibration.restore(c.snapshot(), 60);
    expect(back.quantileMs('transit', spread, 0.95, 0)).toBe(10 * DAY);
    expect(EtaCalibration.restore(c.snapshot(), 60).snapshot()).toEqual(c.snapshot());
  });

  it('is off with no deliveries kept', () => {
    const c = new EtaCalibration(0);
    for (let i = 0; i < 100; i++) c.record('transit', spread, 30 * DAY);
    expect(c.quantileMs('transit', spread, 0.95, 13 * DAY)).toBe(13 * DAY);
  });
});
