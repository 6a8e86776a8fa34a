import { EtaLearner, type EtaRoute, type EtaStage } from '@ot/domain';

const DAY = 86_400_000;
const T0 = Date.parse('2017-03-01T12:00:00Z');
const spToRj: EtaRoute = { origin: { state: 'SP', zipPrefix: '01310' }, destination: { state: 'RJ', zipPrefix: '20040' } };
const spToAm: EtaRoute = { origin: { state: 'SP', zipPrefix: '01310' }, destination: { state: 'AM', zipPrefix: '69005' } };
const mgToRj: EtaRoute = { origin: { state: 'MG', zipPrefix: '30110' }, destination: { state: 'RJ', zipPrefix: '22000' } };
const ROUTES = [spToRj, spToAm, mgToRj];

type Op =
  | { kind: 'begin'; key: string; stage: EtaStage; route: EtaRoute; startMs: number }
  | { kind: 'end'; key: string }
  | { kind: 'observe'; key: string; stage: EtaStage; route: EtaRoute; durationMs: number; atMs: number };

const apply = (l: EtaLearner, op: Op): void => {
  if (op.kind === 'begin') l.begin(op.key, op.stage, op.route, op.startMs);
  else if (op.kind === 'end') l.end(op.key);
  else l.observe(op.stage, op.route, op.durationMs, op.atMs, op.key);
};
const fresh = (ops: readonly Op[]): EtaLearner => {
  const l = new EtaLearner();
  ops.forEach((op) => apply(l, op));
  return l;
};
/** The exact bits of an estimate: caches must give what a recomputation gives, not merely something close. */
const bits = (l: EtaLearner, stage: EtaStage, route: EtaRoute, atMs: number): number[] => {
  const e = l.estimate(stage, route, atMs);
  return [...Array.from(e.dist), e.support];
};

/** A year of parcels, one every ~3 hours: most are delivered, one in eight never is (it stays open). */
function history(seed: number): { ops: Op[]; atMs: number[] } {
  let x = seed;
  const rand = (): number => (x = (x * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const ops: Op[] = [];
  const atMs: number[] = [];
  const pending: { key: string; route: EtaRoute; startMs: number; endMs: number }[] = [];
  for (let i = 0, t = T0; i < 3_000; i++, t += Math.floor(rand() * 6 * 3_600_000)) {
    for (const p of pending.filter((q) => q.endMs <= t)) {
      ops.push({ kind: 'observe', key: p.key, stage: 'transit', route: p.route, durationMs: p.endMs - p.startMs, atMs: p.endMs });
      pending.splice(pending.indexOf(p), 1);
    }
    const key = `o${i}`;
    const route = ROUTES[Math.floor(rand() * ROUTES.length)];
    ops.push({ kind: 'begin', key, stage: 'transit', route, startMs: t });
    const r = rand();
    if (r < 0.05)
      ops.push({ kind: 'end', key }); // canceled right away
    else if (r > 0.125) pending.push({ key, route, startMs: t, endMs: t + Math.floor((2 + rand() * (r > 0.9 ? 30 : 10)) * DAY) });
    atMs.push(t);
  }
  return { ops, atMs };
}

describe('ETA learner caches (per-instant evidence, presumed-lost horizon, pruned open parcels)', () => {
  it('a cached estimate changes when a delivery is observed, a parcel begins or one ends, at the same instant', () => {
    const l = new EtaLearner();
    for (let i = 0; i < 50; i++) l.observe('transit', spToRj, 3 * DAY, T0 + i * 3_600_000);
    const now = T0 + 10 * DAY;
    const first = bits(l, 'transit', spToRj, now);
    expect(bits(l, 'transit', spToRj, now)).toEqual(first); // served from the cache

    l.observe('transit', spToRj, 9 * DAY, now - DAY);
    const afterDelivery = bits(l, 'transit', spToRj, now);
    expect(afterDelivery).not.toEqual(first);

    l.begin('open', 'transit', spToRj, now - 2 * DAY);
    const afterBegin = bits(l, 'transit', spToRj, now);
    expect(afterBegin).not.toEqual(afterDelivery);

    l.end('open');
    expect(bits(l, 'transit', spToRj, now)).toEqual(afterDelivery);
  });

  it('the presumed-lost horizon follows new deliveries: an open parcel counts again once slow deliveries are seen', () => {
    const l = new EtaLearner();
    for (let i = 0; i < 200; i++) l.observe('transit', spToRj, 3 * DAY, T0 + i * 600_000);
    const now = T0 + 10 * DAY;
    const calm = bits(l, 'transit', spToRj, now);
    l.begin('slow', 'transit', spToRj, now - 6 * DAY); // older than the 0.97 quantile (3 days): presumed lost
    expect(bits(l, 'transit', spToRj, now)).toEqual(calm);
    for (let i = 0; i < 100; i++) l.observe('transit', spToAm, 8 * DAY, now - i * 600_000); // the global tail moves past 6 days
    const ops: Op[] = [];
    for (let i = 0; i < 200; i++) ops.push({ kind: 'observe', key: `c${i}`, stage: 'transit', route: spToRj, durationMs: 3 * DAY, atMs: T0 + i * 600_000 });
    ops.push({ kind: 'begin', key: 'slow', stage: 'transit', route: spToRj, startMs: now - 6 * DAY });
    for (let i = 0; i < 100; i++) ops.push({ kind: 'observe', key: `s${i}`, stage: 'transit', route: spToAm, durationMs: 8 * DAY, atMs: now - i * 600_000 });
    expect(bits(l, 'transit', spToRj, now)).toEqual(bits(fresh(ops), 'transit', spToRj, now));
    const noSlow = fresh(ops.filter((op) => op.key !== 'slow'));
    expect(bits(l, 'transit', spToRj, now)).not.toEqual(bits(noSlow, 'transit', spToRj, now)); // it counts now
  });

  it('pruning keeps every open parcel the horizon can still count: one open 50 days counts when deliveries take 55', () => {
    const now = T0 + 120 * DAY;
    const ops: Op[] = [];
    for (let i = 0; i < 300; i++)
      ops.push({ kind: 'observe', key: `c${i}`, stage: 'transit', route: spToRj, durationMs: 55 * DAY, atMs: T0 + 60 * DAY + i * 600_000 });
    const l = fresh(ops);
    l.begin('old', 'transit', spToRj, now - 50 * DAY);
    for (let at = now - 40 * DAY; at <= now; at += DAY) bits(l, 'transit', spToRj, at); // time moves on: pruned every day
    const without = bits(fresh(ops), 'transit', spToRj, now);
    expect(bits(l, 'transit', spToRj, now)).not.toEqual(without);
    expect(bits(l, 'transit', spToRj, now)).toEqual(
      bits(fresh([...ops, { kind: 'begin', key: 'old', stage: 'transit', route: spToRj, startMs: now - 50 * DAY }]), 'transit', spToRj, now),
    );
  });

  it('a learner queried all along answers exactly what a fresh one with the same history answers, also for earlier instants', () => {
    const { ops, atMs } = history(7);
    const warm = new EtaLearner();
    let done = 0;
    for (let i = 0; i < atMs.length; i++) {
      const t = atMs[i];
      while (done < ops.length && (ops[done].kind !== 'begin' || (ops[done] as { startMs: number }).startMs <= t)) apply(warm, ops[done++]);
      for (const r of ROUTES) bits(warm, 'transit', r, t); // warms every cache and prunes as time moves on
      if (i % 500 !== 499) continue;
      const reference = fresh(ops.slice(0, done));
      // now, a little earlier (slightly older news), and far back: before the last pruning, where old parcels count again
      for (const at of [t, t - 3 * DAY, t - 90 * DAY, t - 200 * DAY]) {
        for (const r of ROUTES) expect(bits(warm, 'transit', r, at)).toEqual(bits(reference, 'transit', r, at));
      }
    }
    expect(done).toBe(ops.length);
  });
});
