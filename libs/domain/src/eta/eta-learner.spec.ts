import { EtaLearner, type EtaRoute, predictEta, quantileDays } from '@ot/domain';

const DAY = 86_400_000;
const T0 = Date.parse('2017-03-01T12:00:00Z');
const spToRj: EtaRoute = { origin: { state: 'SP', zipPrefix: '01310' }, destination: { state: 'RJ', zipPrefix: '20040' } };
const spToAm: EtaRoute = { origin: { state: 'SP', zipPrefix: '01310' }, destination: { state: 'AM', zipPrefix: '69005' } };
const mgToAm: EtaRoute = { origin: { state: 'MG', zipPrefix: '30110' }, destination: { state: 'AM', zipPrefix: '69005' } };
const median = (l: EtaLearner, r: EtaRoute, atMs: number): number => quantileDays(l.estimate('transit', r, atMs).dist, 0.5);

/** n deliveries of `days` each, completed one per hour from `fromMs`. */
function teach(l: EtaLearner, r: EtaRoute, days: number, n: number, fromMs = T0): void {
  for (let i = 0; i < n; i++) l.observe('transit', r, days * DAY, fromMs + i * 3_600_000);
}

describe('ETA learner', () => {
  it('knows only its prior before any delivery, with low confidence', () => {
    const l = new EtaLearner();
    const e = l.estimate('transit', spToRj, T0);
    expect(quantileDays(e.dist, 0.5)).toBeGreaterThan(5);
    expect(quantileDays(e.dist, 0.5)).toBeLessThan(9);
    expect(l.confidenceOf(e.support)).toBeLessThan(0.2);
  });

  it('learns from completed deliveries: the median moves to what was observed and confidence grows', () => {
    const l = new EtaLearner();
    teach(l, spToRj, 3, 200);
    expect(median(l, spToRj, T0 + 10 * DAY)).toBeCloseTo(3.25, 0);
    expect(l.confidenceOf(l.estimate('transit', spToRj, T0 + 10 * DAY).support)).toBeGreaterThan(0.8);
  });

  it('backs off to coarser groups: an unseen route to a known state borrows that state', () => {
    const l = new EtaLearner();
    teach(l, spToAm, 20, 100); // only SP -> AM seen
    teach(l, spToRj, 3, 300);
    // MG -> AM was never seen: it leans on "to AM" (20 days), not on the global mix dominated by RJ
    expect(median(l, mgToAm, T0 + 20 * DAY)).toBeGreaterThan(15);
    // while a busy route speaks for itself
    expect(median(l, spToRj, T0 + 20 * DAY)).toBeLessThan(4);
  });

  it('a thin route stays close to its parent until it has enough observations', () => {
    const l = new EtaLearner();
    teach(l, spToRj, 3, 300);
    const rjOther: EtaRoute = { ...spToRj, destination: { state: 'RJ', zipPrefix: '28000' } };
    teach(l, rjOther, 12, 2, T0 + 13 * DAY);
    expect(median(l, rjOther, T0 + 14 * DAY)).toBeLessThan(6); // two odd parcels do not define the zip area
    teach(l, rjOther, 12, 60, T0 + 14 * DAY);
    expect(median(l, rjOther, T0 + 17 * DAY)).toBeGreaterThan(10);
  });

  it('adapts after a shift (holiday peak): recent deliveries outweigh old ones', () => {
    const l = new EtaLearner();
    teach(l, spToRj, 3, 600); // 25 days of 3-day deliveries
    const peakStart = T0 + 30 * DAY;
    teach(l, spToRj, 9, 300, peakStart); // then 12.5 days of 9-day deliveries
    // already in the upper quartile: the peak carries about 40% of the decayed weight after 12 days
    expect(quantileDays(l.estimate('transit', spToRj, peakStart + 13 * DAY).dist, 0.75)).toBeGreaterThan(8);
    teach(l, spToRj, 9, 600, peakStart + 13 * DAY); // the peak goes on for 25 more days
    expect(median(l, spToRj, peakStart + 40 * DAY)).toBeGreaterThan(8.5);
    teach(l, spToRj, 3, 900, peakStart + 45 * DAY); // and ends
    expect(median(l, spToRj, peakStart + 85 * DAY)).toBeLessThan(4);
  });

  it('conditions on time already spent in the stage: a silent parcel is later than a fresh one', () => {
    const l = new EtaLearner();
    for (let d = 2; d <= 10; d++) teach(l, spToRj, d, 30);
    const at = new Date(T0 + 20 * DAY).toISOString(); // 2017-03-21
    const fresh = predictEta(l, { route: spToRj, stage: 'transit', stageStartedAt: at }, at);
    expect(fresh.expected).toBe('2017-03-27'); // median ~6 days
    // handed over 6 days ago and silent since: an unconditioned forecast would say "today"
    const silent = predictEta(l, { route: spToRj, stage: 'transit', stageStartedAt: new Date(T0 + 14 * DAY).toISOString() }, at);
    expect(silent.expected > '2017-03-22').toBe(true);
    expect(Date.parse(silent.nextEventDueBy)).toBeGreaterThan(Date.parse(at)); // late-ish, but not yet overdue
    // silent for 11 days: past anything seen (at most ~10.5), so its stage is overdue
    const lost = predictEta(l, { route: spToRj, stage: 'transit', stageStartedAt: new Date(T0 + 9 * DAY).toISOString() }, at);
    expect(Date.parse(lost.nextEventDueBy)).toBeLessThan(Date.parse(at));
    expect(lost.expected >= '2017-03-21').toBe(true);
  });

  it('orders the forecast days: earliest <= expected <= latest, expected <= by', () => {
    const l = new EtaLearner();
    for (let d = 2; d <= 12; d++) teach(l, spToRj, d, 20);
    const at = new Date(T0 + 20 * DAY).toISOString();
    const p = predictEta(l, { route: spToRj, stage: 'handoff', stageStartedAt: at }, at);
    expect(p.window.earliest <= p.expected && p.expected <= p.window.latest && p.expected <= p.by).toBe(true);
  });

  it('sees a surge before it completes: parcels still in transit past the usual duration move the median later', () => {
    const calm = new EtaLearner();
    const surge = new EtaLearner();
    for (const l of [calm, surge]) for (let d = 2; d <= 10; d++) teach(l, spToRj, d, 30); // 2..10 days, median ~6
    const now = T0 + 20 * DAY;
    // 200 more were handed over 8 days ago and none has arrived yet (right-censored at 8 days)
    for (let i = 0; i < 200; i++) surge.begin(`s${i}`, 'transit', spToRj, now - 8 * DAY - i * 0.001 * DAY);
    expect(median(calm, spToRj, now)).toBeLessThan(7);
    expect(median(surge, spToRj, now)).toBeGreaterThan(median(calm, spToRj, now) + 1.5);
    // once they are known to have ended otherwise (canceled, lost track), they are no evidence any more
    for (let i = 0; i < 200; i++) surge.end(`s${i}`);
    expect(median(surge, spToRj, now)).toBeCloseTo(median(calm, spToRj, now), 6);
  });
  it('presumes parcels open for longer than the overdue quantile lost: they do not fatten the tail', () => {
    const l = new EtaLearner();
    teach(l, spToRj, 3, 200);
    const now = T0 + 20 * DAY;
    for (let i = 0; i < 50; i++) l.begin(`lost${i}`, 'transit', spToRj, now - 15 * DAY);
    expect(quantileDays(l.estimate('transit', spToRj, now).dist, 0.95)).toBeLessThan(5);
  });
  it('a completed stage replaces its open evidence: observe(key) ends it', () => {
    const l = new EtaLearner();
    teach(l, spToRj, 3, 200);
    const now = T0 + 20 * DAY;
    l.begin('x', 'transit', spToRj, now - 2 * DAY);
    l.observe('transit', spToRj, 2 * DAY, now, 'x');
    expect(l.snapshot().open).toEqual({});
  });
  it('survives a snapshot round trip', () => {
    const l = new EtaLearner();
    teach(l, spToRj, 4, 50);
    l.begin('open', 'transit', spToRj, T0 + 2 * DAY);
    const back = EtaLearner.restore(JSON.parse(JSON.stringify(l.snapshot())));
    expect(median(back, spToRj, T0 + 5 * DAY)).toBeCloseTo(median(l, spToRj, T0 + 5 * DAY), 6);
  });

  it('a memoised estimate changes when a delivery is observed, a parcel begins or one ends, at the same instant', () => {
    const l = new EtaLearner();
    teach(l, spToRj, 3, 50);
    const now = T0 + 10 * DAY;
    const dist = (): number[] => Array.from(l.estimate('transit', spToRj, now).dist);
    const first = dist();
    expect(dist()).toEqual(first);
    l.observe('transit', spToRj, 9 * DAY, now - DAY);
    const afterDelivery = dist();
    expect(afterDelivery).not.toEqual(first);
    l.begin('open', 'transit', spToRj, now - 2 * DAY);
    expect(dist()).not.toEqual(afterDelivery);
    l.end('open');
    expect(dist()).toEqual(afterDelivery);
  });

  it('keeps an estimate while only other chains learn, and it is the one a learner with the same history makes', () => {
    const now = T0 + 10 * DAY;
    const history = (l: EtaLearner): void => {
      teach(l, spToRj, 3, 50);
      teach(l, mgToAm, 6, 50);
      l.begin('h', 'handoff', spToRj, now - DAY);
    };
    const l = new EtaLearner();
    teach(l, spToRj, 3, 50);
    teach(l, mgToAm, 6, 50);
    const before = l.estimate('transit', spToRj, now);
    l.begin('h', 'handoff', spToRj, now - DAY); // the hand-over's groups are none of the transit chain's
    expect(l.estimate('transit', spToRj, now)).toBe(before);
    const fresh = new EtaLearner();
    history(fresh);
    expect(Array.from(fresh.estimate('transit', spToRj, now).dist)).toEqual(Array.from(before.dist));
    l.begin('t', 'transit', mgToAm, now - 2 * DAY); // another lane, but the global transit group is in both chains
    const later = new EtaLearner();
    history(later);
    later.begin('t', 'transit', mgToAm, now - 2 * DAY);
    const after = l.estimate('transit', spToRj, now);
    expect(Array.from(after.dist)).not.toEqual(Array.from(before.dist));
    const want = later.estimate('transit', spToRj, now).dist;
    for (let j = 0; j < want.length; j++) expect(Math.abs(after.dist[j] - want[j])).toBeLessThanOrEqual(1e-9 * Math.max(want[j], 1e-12));
  });

  it('keeps its estimates across a parcel that has lived through no half-day bin yet, which is in no evidence', () => {
    const now = T0 + 10 * DAY;
    const history = (l: EtaLearner): void => {
      teach(l, spToRj, 3, 50);
      l.begin('older', 'transit', spToRj, now - 2 * DAY);
    };
    const l = new EtaLearner();
    history(l);
    const before = l.estimate('transit', spToRj, now);
    l.begin('fresh', 'transit', spToRj, now - 3_600_000); // a placement's parcel, as the fold begins it
    expect(l.estimate('transit', spToRj, now)).toBe(before);
    // the numbers are those of a learner that had the parcel before it was asked
    const twin = new EtaLearner();
    history(twin);
    twin.begin('fresh', 'transit', spToRj, now - 3_600_000);
    const want = twin.estimate('transit', spToRj, now);
    expect(Array.from(before.dist)).toEqual(Array.from(want.dist));
    expect(before.support).toBe(want.support);
    l.end('fresh');
    expect(l.estimate('transit', spToRj, now)).toBe(before);
    // a parcel of a route never seen still makes its new groups levels of the estimate, as a fresh learner has them
    const unseen = l.estimate('transit', spToAm, now);
    l.begin('first', 'transit', spToAm, now);
    const fresh = new EtaLearner();
    history(fresh);
    fresh.begin('first', 'transit', spToAm, now);
    expect(l.estimate('transit', spToAm, now)).not.toBe(unseen);
    expect(Array.from(l.estimate('transit', spToAm, now).dist)).toEqual(Array.from(fresh.estimate('transit', spToAm, now).dist));
  });

  it('a learner queried all along (sums moved as time passes) answers what a fresh one with the same history answers', () => {
    const warm = new EtaLearner();
    const ops: ((l: EtaLearner) => void)[] = [];
    let x = 7;
    const rand = (): number => (x = (x * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const pending: { key: string; route: EtaRoute; startMs: number; endMs: number }[] = [];
    let applied = 0;
    for (let i = 0, t = T0; i < 2_000; i++, t += Math.floor(rand() * 6 * 3_600_000)) {
      for (const p of pending.filter((q) => q.endMs <= t)) {
        ops.push((l) => l.observe('transit', p.route, p.endMs - p.startMs, p.endMs, p.key));
        pending.splice(pending.indexOf(p), 1);
      }
      const key = `o${i}`;
      const route = [spToRj, spToAm, mgToAm][Math.floor(rand() * 3)];
      ops.push((l) => l.begin(key, 'transit', route, t));
      if (rand() > 0.125) pending.push({ key, route, startMs: t, endMs: t + Math.floor((2 + rand() * 12) * DAY) });
      while (applied < ops.length) ops[applied++](warm);
      for (const r of [spToRj, spToAm, mgToAm]) warm.estimate('transit', r, t);
      if (i % 400 !== 399) continue;
      const fresh = new EtaLearner();
      ops.forEach((op) => op(fresh));
      for (const r of [spToRj, spToAm, mgToAm]) {
        const a = warm.estimate('transit', r, t).dist;
        const b = fresh.estimate('transit', r, t).dist;
        for (let j = 0; j < a.length; j++) expect(Math.abs(a[j] - b[j])).toBeLessThanOrEqual(1e-9 * Math.max(b[j], 1e-12));
      }
    }
  });
});
