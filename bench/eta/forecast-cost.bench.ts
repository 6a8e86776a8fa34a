/**
 * node dist/bench/eta/forecast-cost.bench.js [forecasts] [--opt-in] [--window shortest|equal-tailed] [--joint-trees]
 *
 * CPU per forecast with and without the layers beside the learner (LeadFeature, EtaEffects, JointEtaModel as the
 * default configuration uses them), fed so that every forecast finds its seller's and city's effects, the promise's
 * slope and the joint model's fit, each order with its kept lead and joint reading (the eta-tick
 * fixture has no seller and scores no delivery, so there the layers find nothing). Runs the two
 * alternately in one process, five rounds, and prints microseconds per forecast for each; `--opt-in` adds rounds with the
 * layers off by default (the hand-over deadline's LeadFeature, the window's calibrated levels), fed likewise.
 * `--window` sets the model's window interval (EtaModelConfig.window) for every round. `--joint-trees` (or the
 * default configuration's `jointTrees`) gives the joint model its trees (JOINT_TREES), trained on the fed deliveries,
 * and adds the CPU of a retrain: of each stage's ring as fed, and of a full ring (JOINT_TREES.capacity rows).
 */
import {
  CALENDAR_TIME,
  DEFAULT_ETA_CONFIG,
  EtaEffects,
  EtaLearner,
  type EtaRoute,
  JOINT_TREES,
  JointEtaModel,
  predictEta,
  LeadFeature,
  ResidualRing,
  TREE_DIMENSION,
  WindowLevels,
} from '@ot/domain';
import { median } from '../lib/stats';

const DAY = 86_400_000;
const T0 = Date.parse('2018-01-01T12:00:00Z');
const routes: EtaRoute[] = Array.from({ length: 500 }, (_, i) => ({
  origin: { state: 'SP', zipPrefix: `0${1000 + (i % 50)}` },
  destination: { state: ['RJ', 'MG', 'BA', 'RS'][i % 4], city: `city-${i % 100}`, zipPrefix: `${20000 + i * 7}` },
  seller: `seller-${i % 200}`,
}));

type Fed = {
  learner: EtaLearner;
  promiseLead: LeadFeature;
  effects: EtaEffects;
  handOverLead: LeadFeature;
  windowLevels: WindowLevels;
  joint: JointEtaModel;
};

function fed(window: (typeof DEFAULT_ETA_CONFIG)['window'] | undefined, trees: boolean): Fed {
  const learner = new EtaLearner(window ? { ...DEFAULT_ETA_CONFIG, window } : DEFAULT_ETA_CONFIG);
  const promiseLead = new LeadFeature(30);
  const handOverLead = new LeadFeature(30);
  const windowLevels = new WindowLevels(300);
  const effects = new EtaEffects(30, 10);
  const joint = new JointEtaModel(30, 10, [], trees ? JOINT_TREES : undefined);
  for (let i = 0; i < 20_000; i++) {
    const route = routes[i % routes.length];
    const done = T0 - 60 * DAY + i * 3_000_000;
    learner.observe('handoff', route, (1 + (i % 5)) * DAY, done);
    learner.observe('transit', route, (3 + (i % 9)) * DAY, done);
    const spread = { atMs: done - 10 * DAY, lowerMs: done - 4 * DAY, medianMs: done - 2 * DAY, upperMs: done + 3 * DAY };
    promiseLead.record(spread, (i % 7) / 5, done);
    handOverLead.record(spread, (i % 5) / 4, done - 5 * DAY);
    windowLevels.record(i % 2 ? 'transit' : 'handoff', spread, done + (i % 11) * DAY);
    effects.record('handoff', route, spread, done);
    effects.record('transit', route, spread, done);
    const stage = i % 2 ? 'transit' : 'handoff';
    const inputs = {
      promiseLead: (i % 7) / 5,
      sellerEffect: (i % 13) / 50,
      cityEffect: (i % 3) / 20,
      startedMs: done - 5 * DAY,
      timeZone: 'UTC',
      route,
      firstMedianDays: 2 + (i % 9),
    };
    joint.record(stage, { ...inputs, itemCount: 1 + (i % 3), priceTotal: 20 + (i % 50), freightTotal: 5 + (i % 17) }, ((i % 11) - 5) / 10, done);
  }
  return { learner, promiseLead, effects, handOverLead, windowLevels, joint };
}

/** Stage first spreads, as open orders keep them (the forecast's own is read at a stage's first). */
const FIRST_SPREADS = Array.from({ length: 100 }, (_, i) => {
  const atMs = T0 - (i % 10) * DAY;
  return { atMs, lowerMs: atMs + (2 + (i % 3)) * DAY, medianMs: atMs + (6 + (i % 5)) * DAY, upperMs: atMs + (12 + (i % 7)) * DAY };
});

type Layers = 'none' | 'default' | 'opt_in';

function round(n: number, layers: Layers, m: Fed): number {
  const before = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const route = routes[i % routes.length];
    const stage = i % 2 ? 'transit' : 'handoff';
    const started = T0 - (i % 10) * DAY;
    const order = {
      route,
      stage,
      stageStartedAt: new Date(started).toISOString(),
      promisedBy: '2018-01-20',
      lead: (i % 9) / 6,
      // what an open order keeps that the joint model reads again: the parcel and its stage's first spread
      itemCount: 1 + (i % 3),
      priceTotal: 20 + (i % 50),
      freightTotal: 5 + (i % 17),
      stageSpread: FIRST_SPREADS[i % FIRST_SPREADS.length],
    } as const;
    const deadline = { handOverBy: new Date(started + (4 + (i % 4)) * DAY).toISOString() };
    const on = { promiseLead: m.promiseLead, effects: m.effects, joint: m.joint };
    const now = new Date(T0).toISOString();
    if (layers === 'opt_in')
      predictEta(m.learner, { ...order, ...deadline }, now, CALENDAR_TIME, { ...on, handOverLead: m.handOverLead, windowLevels: m.windowLevels });
    else predictEta(m.learner, order, now, CALENDAR_TIME, layers === 'default' ? on : {});
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / n;
}

const args = process.argv.slice(2);
const windowAt = args.indexOf('--window');
const window = windowAt >= 0 ? args[windowAt + 1] : undefined;
if (window !== undefined && window !== 'shortest' && window !== 'equal-tailed') throw new Error('--window: shortest or equal-tailed');
const n = Number(args.find((a, i) => !a.startsWith('--') && (windowAt < 0 || i !== windowAt + 1)) ?? 200_000);
// apart, so the default rounds run the same mix as before the opt-in layers existed
const optIn = process.argv.includes('--opt-in');
const trees = args.includes('--joint-trees') || DEFAULT_ETA_CONFIG.jointTrees !== 'off';
const m = fed(window, trees);
round(n / 4, optIn ? 'opt_in' : 'default', m); // warm-up
const out: { without: number[]; with: number[]; opt_in: number[] } = { without: [], with: [], opt_in: [] };
for (let r = 0; r < 5; r++) {
  out.without.push(round(n, 'none', m));
  out.with.push(round(n, 'default', m));
  if (optIn) out.opt_in.push(round(n, 'opt_in', m));
}
const us = (x: number): number => Math.round(x * 1000) / 1000;

/** CPU ms of five retrains of `ring` as of `nowMs` (the median). */
function retrainMs(ring: ResidualRing, nowMs: number): number {
  const out: number[] = [];
  for (let r = 0; r < 5; r++) {
    const before = process.cpuUsage();
    ring.train(nowMs);
    const used = process.cpuUsage(before);
    out.push((used.user + used.system) / 1000);
  }
  return Math.round(median(out) * 10) / 10;
}

/** A full ring: JOINT_TREES.capacity deliveries a minute apart, features from the joint model's reading. */
function fullRing(): { ring: ResidualRing; nowMs: number } {
  const ring = new ResidualRing(TREE_DIMENSION, JOINT_TREES);
  let nowMs = T0;
  for (let i = 0; i < JOINT_TREES.capacity; i++) {
    nowMs = T0 + i * 60_000;
    const x = m.joint.treeFeatures({
      promiseLead: (i % 7) / 5,
      sellerEffect: (i % 13) / 50,
      cityEffect: (i % 3) / 20,
      startedMs: nowMs - 5 * DAY,
      timeZone: 'UTC',
      itemCount: 1 + (i % 3),
      priceTotal: 20 + (i % 50),
      freightTotal: 5 + (i % 17),
      route: routes[i % routes.length],
      firstMedianDays: 2 + (i % 5),
    });
    ring.record(x, ((i % 11) - 5) / 10 + 0.1 * x[12], nowMs);
  }
  return { ring, nowMs };
}

const treeCost = trees
  ? (() => {
      const ring = m.joint.ringOf('transit')!;
      const lastMs = ring.snapshot().atMs.at(-1)!;
      const full = fullRing();
      return {
        ring_rows_fed: ring.size,
        retrain_ms_fed: retrainMs(ring, lastMs),
        retrain_ms_full: retrainMs(full.ring, full.nowMs),
        ring_bytes_full: full.ring.bytes,
      };
    })()
  : undefined;
console.log(
  JSON.stringify({
    forecasts: n,
    us_per_forecast_without: us(median(out.without)),
    us_per_forecast_with: us(median(out.with)),
    ...(optIn && { us_per_forecast_opt_in: us(median(out.opt_in)) }),
    ...(treeCost && { trees: treeCost }),
    rounds: out,
  }),
);
