import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { EtaProjection, foldOpenOrder, OpenOrders } from '@ot/application';
import { etaModelTime } from '@ot/calendar';
import { DEFAULT_ETA_CONFIG, ETA_STAGES, EtaLearner, type EtaModelConfig, JointEtaModel, jointTreesOf } from '@ot/domain';
import { InMemoryEtaViewStore } from '@ot/read-model';
import { runWorker } from '../lib/child';
import { etaSteadyState, fracOf, placeOf } from '../fixtures/eta-open-orders';

export type EtaTickFigures = { openOrders: number; tickCpuSeconds: number; ordersPerSecond: number; seedSeconds: number };
export type EtaLearnerMemoryFigures = { openOrders: number; rssMb: number; heapUsedMb: number; baselineRssMb: number; heldParcels: number };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 0, 1);
/** ETA_TICK_DAYS: the model's days, business (the service's default, ETA_DAYS) or calendar. */
const TIME = etaModelTime({ days: process.env.ETA_TICK_DAYS === 'calendar' ? 'calendar' : 'business', country: 'BR', timeZone: DEFAULT_ETA_CONFIG.timeZone });
/** ETA_TICK_WINDOW: the window's interval (EtaModelConfig.window), the model's default unless `shortest` or `equal-tailed`. */
const WINDOW = process.env.ETA_TICK_WINDOW;
/** ETA_TICK_TREES: the joint model's trees (EtaModelConfig.jointTrees), the model's default unless `off`, `centred` or `level`. */
const TREES = process.env.ETA_TICK_TREES;
const windowSet = WINDOW === 'shortest' || WINDOW === 'equal-tailed';
const treesSet = TREES === 'off' || TREES === 'centred' || TREES === 'level';
// the default object itself when nothing is set (session 7 measured a spread copy slower, unexplained)
const MODEL: EtaModelConfig =
  windowSet || treesSet ? { ...DEFAULT_ETA_CONFIG, ...(windowSet && { window: WINDOW }), ...(treesSet && { jointTrees: TREES }) } : DEFAULT_ETA_CONFIG;
const newProjection = (): EtaProjection => new EtaProjection(new InMemoryEtaViewStore(), MODEL, undefined, undefined, TIME);
const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/**
 * ETA_TICK_MODE=tick: the ETA projection (in-memory view store) holds a steady state of ETA_TICK_ORDERS
 * open orders and 100,000 delivered ones (restored, or with ETA_TICK_SEED=fold folded event by event), then two clock ticks an hour apart re-forecast every open
 * order; the figure is open orders per CPU second of the second tick (the first pays one-off work).
 * ETA_TICK_MODE=memory: RSS (after a full GC, --expose-gc) of a process holding only a learner fed
 * the same history, with ETA_TICK_ORDERS open parcels.
 */
async function main(): Promise<EtaTickFigures | EtaLearnerMemoryFigures> {
  const open = Number(process.env.ETA_TICK_ORDERS ?? 100_000);
  const baseline = process.memoryUsage().rss;
  if (process.env.ETA_TICK_MODE === 'memory') return learnerMemory(open, baseline);
  const seedStarted = cpuSeconds();
  const projection = process.env.ETA_TICK_SEED === 'fold' ? await folded(open) : restored(open);
  const seedSeconds = cpuSeconds() - seedStarted;
  await projection.refresh(new Date(NOW + HOUR).toISOString());
  const profile = await profileTo(process.env.ETA_TICK_PROFILE);
  const started = cpuSeconds();
  await projection.refresh(new Date(NOW + 2 * HOUR).toISOString());
  const tickCpuSeconds = cpuSeconds() - started;
  await profile();
  const openOrders = projection.openCount();
  return { openOrders, tickCpuSeconds, ordersPerSecond: openOrders / tickCpuSeconds, seedSeconds };
}

/** The projection folds every event, forecasting each order after each of its events (minutes of CPU at a million orders). */
async function folded(open: number): Promise<EtaProjection> {
  const projection = newProjection();
  for (const events of etaSteadyState({ open, delivered: 100_000, nowMs: NOW })) await projection.project(events);
  return projection;
}

/**
 * The default: the same events folded into open orders and a learner without a forecast per event, then
 * restored into the projection as a service start restores its saved state; the first tick forecasts them all.
 */
function restored(open: number): EtaProjection {
  const orders = new OpenOrders();
  const learner = new EtaLearner();
  let position = 0;
  for (const events of etaSteadyState({ open, delivered: 100_000, nowMs: NOW })) {
    for (const e of events) foldOpenOrder(orders, learner, e, TIME);
    position = events[events.length - 1].globalPosition;
  }
  const projection = newProjection();
  const joint = process.env.ETA_TICK_JOINT === 'fed' ? { joint: fedJoint().snapshot() } : {};
  projection.restore({
    position,
    processedMs: NOW,
    learner: learner.snapshot(),
    orders: orders.saved(),
    orderNumbers: orders.savedNumbers(),
    written: [],
    absorbed: [],
    pending: [],
    ...joint,
  });
  return projection;
}

/**
 * ETA_TICK_JOINT=fed: the joint model (and its trees, as MODEL has them) fed 5,000 deliveries a stage over the last
 * 60 days, so every forecast of the tick reads a trusted ridge and trained trees (the fixture scores no delivery).
 */
function fedJoint(): JointEtaModel {
  const joint = new JointEtaModel(MODEL.halfLifeDays, MODEL.backoffStrength, MODEL.jointWithout, jointTreesOf(MODEL.jointTrees));
  for (let n = 0; n < 5000; n++)
    for (const stage of ETA_STAGES) {
      const inputs = {
        promiseLead: fracOf(n, 13) - 0.5,
        sellerEffect: (fracOf(n, 17) - 0.5) / 5,
        cityEffect: (fracOf(n, 19) - 0.5) / 5,
        startedMs: NOW - 70 * DAY + n * (60 / 5000) * DAY,
        timeZone: MODEL.timeZone,
        itemCount: 1 + (n % 3),
        priceTotal: 20 + (n % 90),
        freightTotal: 5 + (n % 30),
        route: { origin: placeOf(n), destination: placeOf(n * 31 + 7) },
        firstMedianDays: 2 + 8 * fracOf(n, 23),
      };
      joint.record(stage, inputs, (fracOf(n, 29) - 0.5) * 0.8 + 0.2 * (fracOf(n, 31) - 0.5), NOW - 60 * DAY + n * (60 / 5000) * DAY);
    }
  return joint;
}

/**
 * Only the learner, fed directly (no event objects, whose garbage would stay in the RSS): 100,000
 * delivered orders' hand-over and transit durations, then `open` parcels begun over the last 20
 * days, half of them in transit, as the projection's fold would call it.
 */
function learnerMemory(open: number, baseline: number): EtaLearnerMemoryFigures {
  const learner = new EtaLearner();
  const routeOf = (n: number) => ({ origin: placeOf(n), destination: placeOf(n * 31 + 7) });
  for (let n = 0; n < 100_000; n++) {
    const placedAt = NOW - 90 * DAY + (n / 100_000) * 60 * DAY;
    const handoff = (1 + 4 * fracOf(n, 37)) * DAY;
    const transit = (2 + 18 * fracOf(n, 101) ** 2) * DAY;
    learner.observe('handoff', routeOf(n), handoff, placedAt + handoff);
    learner.observe('transit', routeOf(n), transit, placedAt + handoff + transit);
  }
  for (let i = 0; i < open; i++) {
    const n = 100_000 + i;
    const placedAt = NOW - 20 * DAY + (i / open) * 20 * DAY;
    const route = routeOf(n);
    if (i % 2 === 0 && placedAt < NOW - 5 * DAY) learner.begin(`eta-${n}`, 'transit', route, placedAt + (1 + 4 * fracOf(n, 37)) * DAY);
    else learner.begin(`eta-${n}`, 'handoff', route, placedAt);
  }
  learner.estimate('transit', routeOf(0), NOW + HOUR); // moves the sums to now
  (globalThis as { gc?: () => void }).gc?.();
  const mem = process.memoryUsage();
  return {
    openOrders: open,
    rssMb: mem.rss / 2 ** 20,
    heapUsedMb: mem.heapUsed / 2 ** 20,
    baselineRssMb: baseline / 2 ** 20,
    heldParcels: learner.openCount(),
  };
}

/** ETA_TICK_PROFILE=<file>: a CPU profile of the measured tick alone (for bench/tools/profile-summary). */
async function profileTo(path: string | undefined): Promise<() => Promise<void>> {
  if (!path) return async () => undefined;
  const session = new Session();
  session.connect();
  const post = (method: string) =>
    new Promise<{ profile?: object }>((resolve, reject) =>
      session.post(method, (error, result) => (error ? reject(error) : resolve(result as { profile?: object }))),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => writeFileSync(path, JSON.stringify((await post('Profiler.stop')).profile));
}

runWorker('eta tick worker', main);
