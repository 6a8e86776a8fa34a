import fc from 'fast-check';
import { BIN_COUNT } from './duration-distribution';
import { OpenParcelSums, type ParcelKey } from './open-parcel-sums';

const HOUR = 3_600_000;
const BIN_MS = 12 * HOUR;
const HALF_LIFE_DAYS = 30;
const GROUPS = ['*', 'a', 'b', 'c'];
const T0 = Date.parse('2017-01-01T00:00:00Z');

type Op = { kind: 'begin'; key: number; groups: string[]; startBackMs: number } | { kind: 'end'; key: number } | { kind: 'wait'; ms: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('begin' as const),
    key: fc.integer({ min: 0, max: 40 }),
    groups: fc.subarray(GROUPS.slice(1)).map((g) => ['*', ...g]),
    startBackMs: fc.integer({ min: -2 * BIN_MS, max: 70 * 24 * HOUR }), // some start later than now, some past every horizon
  }),
  fc.record({ kind: fc.constant('end' as const), key: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 20 * 24 * HOUR }) }),
);

/** The evidence parcel by parcel, straight from its definition: decayed weight per bin fully lived through. */
function direct(open: Map<number, { groups: string[]; startMs: number }>, group: string, atMs: number): Float64Array {
  const out = new Float64Array(BIN_COUNT + 1);
  for (const p of open.values()) {
    const age = atMs - p.startMs;
    if (!p.groups.includes(group) || age <= 0) continue;
    const lived = Math.floor(age / BIN_MS);
    if (lived <= BIN_COUNT) out[lived] += Math.pow(0.5, age / (HALF_LIFE_DAYS * 24 * HOUR));
  }
  return out;
}

/** The largest |sums - direct| / direct over the bins that count (an empty bin must be exactly 0). */
function worstRelativeError(sums: OpenParcelSums<string, string>, open: Map<number, { groups: string[]; startMs: number }>, g: string, atMs: number): number {
  const want = direct(open, g, atMs);
  const got = new Float64Array(BIN_COUNT + 1);
  const group = sums.group(g);
  if (group) for (let j = 0; j <= BIN_COUNT; j++) got[j] = group.sums[j] * sums.scaleAt(atMs); // as EtaLearner.evidence reads them
  let worst = 0;
  for (let j = 1; j <= BIN_COUNT; j++) worst = Math.max(worst, want[j] === 0 ? (got[j] === 0 ? 0 : 1) : Math.abs(got[j] - want[j]) / want[j]);
  return worst;
}

describe('open-parcel sums (per group and bin, moved as time passes)', () => {
  it.each([
    ['strings', (k: number): ParcelKey => `k${k}`],
    ['whole numbers', (k: number): ParcelKey => k],
    ['both', (k: number): ParcelKey => (k % 2 ? k : `k${k}`)],
  ])('equal the parcel-by-parcel computation within a relative 1e-9 over random parcel histories (keys: %s)', (_kind, keyOf) => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        const sums = new OpenParcelSums<string, string>(HALF_LIFE_DAYS);
        const open = new Map<number, { groups: string[]; startMs: number }>();
        let now = T0;
        sums.advanceTo(now);
        for (const o of ops) {
          if (o.kind === 'begin') {
            const startMs = now - o.startBackMs;
            sums.begin(keyOf(o.key), o.groups, { stage: 's', route: 'r', startMs });
            open.set(o.key, { groups: o.groups, startMs });
          } else if (o.kind === 'end') {
            sums.end(keyOf(o.key));
            open.delete(o.key);
          } else now += o.ms;
          expect(sums.advanceTo(now)).toBe(true);
          for (const g of GROUPS) expect(worstRelativeError(sums, open, g, now)).toBeLessThanOrEqual(1e-9);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('give back, for a snapshot, each open parcel with its start and a route of its chain; restored, the sums are the same', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const sums = new OpenParcelSums<string, string>(HALF_LIFE_DAYS);
        const open = new Map<number, { groups: string[]; startMs: number }>();
        let now = T0;
        for (const o of ops) {
          if (o.kind === 'begin') {
            const startMs = now - o.startBackMs;
            sums.begin(`k${o.key}`, o.groups, { stage: 's', route: o.groups.join(','), startMs });
            open.set(o.key, { groups: o.groups, startMs });
          } else if (o.kind === 'end') {
            const parcel = open.get(o.key);
            const pruned = parcel !== undefined && Math.floor((now - parcel.startMs) / BIN_MS) > BIN_COUNT; // past every horizon
            expect(sums.end(`k${o.key}`)).toEqual(pruned ? undefined : parcel?.groups);
            open.delete(o.key);
          } else now += o.ms;
          sums.advanceTo(now);
        }
        const restored = new OpenParcelSums<string, string>(HALF_LIFE_DAYS);
        restored.advanceTo(now);
        for (const [key, facts] of sums.entries()) {
          expect(facts.startMs).toBe(open.get(Number(String(key).slice(1)))?.startMs);
          restored.begin(key, facts.route.split(','), facts);
        }
        for (const g of GROUPS) expect(worstRelativeError(restored, open, g, now)).toBeLessThanOrEqual(1e-9);
      }),
      { numRuns: 60 },
    );
  });

  it('stay in floating range over decades (rebased) and prune parcels past every horizon', () => {
    const sums = new OpenParcelSums<string, string>(HALF_LIFE_DAYS);
    const open = new Map<number, { groups: string[]; startMs: number }>();
    let now = T0;
    const keyOf = (i: number): ParcelKey => (i % 2 ? i : `k${i}`); // pruned under either kind of key
    for (let i = 0; i < 30 * 365; i++, now += 24 * HOUR) {
      sums.begin(keyOf(i), ['*'], { stage: 's', route: 'r', startMs: now });
      open.set(i, { groups: ['*'], startMs: now });
      if (i % 3 === 0) {
        sums.end(keyOf(i));
        open.delete(i);
      }
      sums.advanceTo(now + 6 * HOUR);
    }
    sums.advanceTo(now);
    expect(worstRelativeError(sums, open, '*', now)).toBeLessThanOrEqual(1e-9);
    expect(sums.size).toBeLessThanOrEqual(((BIN_COUNT + 2) / 2) * (2 / 3) + 1); // ~61 days of parcels, not 30 years
  });

  it('answer an instant before the latest one parcel by parcel', () => {
    const sums = new OpenParcelSums<string, string>(HALF_LIFE_DAYS);
    sums.begin('a', ['*'], { stage: 's', route: 'r', startMs: T0 });
    sums.advanceTo(T0 + 10 * 24 * HOUR);
    expect(sums.advanceTo(T0 + 24 * HOUR)).toBe(false);
    const got = new Float64Array(BIN_COUNT + 1);
    sums.directPast(sums.group('*')!, T0 + 24 * HOUR, got);
    expect(got[2]).toBeCloseTo(Math.pow(0.5, 1 / HALF_LIFE_DAYS), 12);
  });
});
