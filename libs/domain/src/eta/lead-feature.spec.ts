import type { ForecastSpread } from './eta-calibration';
import { LeadFeature } from './lead-feature';

const DAY = 86_400_000;
/** A placement forecast made on day `t` with its median ten days later. */
const made = (t: number): ForecastSpread => ({ atMs: t * DAY, lowerMs: (t + 7) * DAY, medianMs: (t + 10) * DAY, upperMs: (t + 14) * DAY });

/** Two orders a day for `n` days: the one promised in 20 days arrives after 14, the one promised in 10 after 7. */
function taught(n: number): LeadFeature {
  const p = new LeadFeature(30);
  for (let t = 0; t < n; t++) {
    const f = made(t);
    p.record(f, LeadFeature.leadOf(f, (t + 20) * DAY)!, (t + 14) * DAY);
    p.record(f, LeadFeature.leadOf(f, (t + 10) * DAY)!, (t + 7) * DAY);
  }
  return p;
}

describe('LeadFeature', () => {
  it('reads the lead as the log of the promise over the median, none once the promised day is over', () => {
    expect(LeadFeature.leadOf(made(0), 20 * DAY)).toBeCloseTo(Math.log(2), 12);
    expect(LeadFeature.leadOf(made(5), 5 * DAY)).toBeUndefined();
  });

  it('changes nothing until enough deliveries are known', () => {
    expect(taught(20).factor(Math.log(2))).toBe(1);
  });

  it('forecasts an order promised longer than usual later, and one promised shorter earlier', () => {
    const p = taught(200);
    const long = p.factor(Math.log(2));
    const short = p.factor(0);
    expect(long).toBeGreaterThan(1);
    expect(short).toBeLessThan(1);
    // centred: the mean lead keeps the group's own median
    expect(p.factor(Math.log(2) / 2)).toBeCloseTo(1, 6);
    expect(long).toBeLessThanOrEqual(2);
  });

  it('never reads a longer promise as an earlier parcel', () => {
    const p = new LeadFeature(30);
    for (let t = 0; t < 200; t++) {
      const f = made(t);
      p.record(f, LeadFeature.leadOf(f, (t + 20) * DAY)!, (t + 7) * DAY); // the longer promise arrives first
      p.record(f, LeadFeature.leadOf(f, (t + 10) * DAY)!, (t + 14) * DAY);
    }
    expect(p.factor(Math.log(2))).toBe(1);
  });

  it('comes back the same from a snapshot', () => {
    const p = taught(200);
    const back = LeadFeature.restore(JSON.parse(JSON.stringify(p.snapshot())), 30);
    expect(back.factor(Math.log(2))).toBe(p.factor(Math.log(2)));
  });
});
