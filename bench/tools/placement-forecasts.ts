import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { CITIES } from '../fixtures/webhooks';
import { median } from '../lib/stats';

/**
 * The ETA work of one placement webhook as the ingest bench makes it, counted in CPU and compared between
 * built trees in one process: a fresh learner on business days (Brazil) with the promise and the effects on,
 * and per order the fold's `begin` and one placement forecast, sixteen orders to an instant (a page of the
 * ingest bench's 32 concurrent webhooks; `--per-instant 1`: each at an instant of its own, as the pipeline's
 * events on the event-time clock), on the bench's five routes. Rounds alternate the trees (A B A B).
 *
 *   node dist/bench/tools/placement-forecasts.js <built tree> [<built tree> ...] [--orders 20000] [--rounds 5] [--per-instant 16]
 *
 * Prints, per tree, CPU us per order of each round and their median, with the load average at the start.
 */
type Domain = {
  EtaLearner: new () => { begin(key: string, stage: 'handoff', route: object, startMs: number): void };
  LeadFeature: new (halfLifeDays: number) => object;
  EtaEffects: new (halfLifeDays: number, strength: number) => object;
  EtaCalibration: new (deliveries: number) => object;
  sharedRoute: (route: object) => object;
  predictEta: (learner: object, order: object, now: string, time: object, adjusters: object) => { expected: string };
};
type ModelTime = { toModel(ms: number): number };
type Tree = { root: string; domain: Domain; time: () => ModelTime };

function treeAt(root: string): Tree {
  const dist = join(resolve(root), 'dist');
  /* eslint-disable @typescript-eslint/no-require-imports -- the trees to compare are chosen at run time */
  const domain = require(join(dist, 'libs/domain/src/index.js')) as Domain;
  const calendar = require(join(dist, 'libs/calendar/src/index.js')) as { etaModelTime: (s: object) => ModelTime };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { root, domain, time: () => calendar.etaModelTime({ days: 'business', country: 'BR', timeZone: 'America/Sao_Paulo' }) };
}

// the ingest bench's places, as its webhooks reach the domain (a zip's first five digits)
const PLACES = CITIES.map(({ zip, city, state }) => ({ zipPrefix: zip.slice(0, 5), city, state }));
const T0 = Date.parse('2026-12-01T12:00:00Z');

/** One round: CPU us per order (begin + forecast); the day shown is summed so that no forecast is optimised away. */
function round({ domain: d, time: makeTime }: Tree, orders: number, perInstant: number): { us: number; check: number } {
  const time = makeTime();
  time.toModel(T0); // the business-day table, once per service
  const learner = new d.EtaLearner();
  const adjusters = { calibration: new d.EtaCalibration(0), promiseLead: new d.LeadFeature(30), effects: new d.EtaEffects(30, 10) };
  const promisedBy = new Date(T0 + 7 * 86_400_000).toISOString().slice(0, 10);
  let check = 0;
  const before = process.cpuUsage();
  for (let n = 0; n < orders; n++) {
    const nowMs = T0 + Math.floor(n / perInstant) * 50;
    const route = d.sharedRoute({ origin: PLACES[n % PLACES.length], destination: PLACES[(n + 2) % PLACES.length] });
    const placedAt = new Date(nowMs - 20).toISOString();
    learner.begin(`o-${n}`, 'handoff', route, time.toModel(nowMs - 20));
    const p = d.predictEta(learner, { route, stage: 'handoff', stageStartedAt: placedAt, promisedBy }, new Date(nowMs).toISOString(), time, adjusters);
    check += p.expected.charCodeAt(9);
  }
  const used = process.cpuUsage(before);
  return { us: (used.user + used.system) / orders, check };
}

function main(): void {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: number): number => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const roots = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  if (roots.length === 0) throw new Error('usage: placement-forecasts <built tree> [<built tree> ...] [--orders N] [--rounds N] [--per-instant N]');
  const orders = option('orders', 20_000);
  const rounds = option('rounds', 5);
  const perInstant = option('per-instant', 16);
  const trees = roots.map(treeAt);
  for (const t of trees) round(t, orders / 4, perInstant); // warm-up
  const out = trees.map(() => ({ us: [] as number[], checks: new Set<number>() }));
  const load = loadavg()[0];
  for (let r = 0; r < rounds; r++) {
    trees.forEach((t, i) => {
      const { us, check } = round(t, orders, perInstant);
      out[i].us.push(Math.round(us * 100) / 100);
      out[i].checks.add(check);
    });
  }
  for (const [i, t] of trees.entries()) {
    console.log(
      JSON.stringify({
        tree: t.root,
        orders,
        per_instant: perInstant,
        load: Math.round(load * 100) / 100,
        us_per_order: median(out[i].us),
        rounds: out[i].us,
        check: [...out[i].checks],
      }),
    );
  }
}

main();
