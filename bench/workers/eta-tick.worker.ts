import { EtaProjection } from '@ot/application';
import { EtaLearner } from '@ot/domain';
import { InMemoryEtaViewStore } from '@ot/read-model';
import { runWorker } from '../lib/child';
import { etaSteadyState } from '../fixtures/eta-open-orders';

export type EtaTickFigures = { openOrders: number; tickCpuSeconds: number; ordersPerSecond: number; seedSeconds: number };
export type EtaLearnerMemoryFigures = { openOrders: number; rssMb: number; baselineRssMb: number; heldParcels: number };

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 0, 1);
const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/**
 * ETA_TICK_MODE=tick: the ETA projection (in-memory view store) folds a steady state of ETA_TICK_ORDERS
 * open orders and 100,000 delivered ones, then two clock ticks an hour apart re-forecast every open
 * order; the figure is open orders per CPU second of the second tick (the first pays one-off work).
 * ETA_TICK_MODE=memory: RSS (after a full GC, --expose-gc) of a process holding only a learner fed
 * the same history, with ETA_TICK_ORDERS open parcels.
 */
async function main(): Promise<EtaTickFigures | EtaLearnerMemoryFigures> {
  const open = Number(process.env.ETA_TICK_ORDERS ?? 100_000);
  const baseline = process.memoryUsage().rss;
  const events = etaSteadyState({ open, delivered: 100_000, nowMs: NOW });
  if (process.env.ETA_TICK_MODE === 'memory') return learnerMemory(events, open, baseline);
  const projection = new EtaProjection(new InMemoryEtaViewStore());
  const seedStarted = cpuSeconds();
  for (let i = 0; i < events.length; i += 10_000) await projection.project(events.slice(i, i + 10_000));
  const seedSeconds = cpuSeconds() - seedStarted;
  await projection.refresh(new Date(NOW + HOUR).toISOString());
  const started = cpuSeconds();
  await projection.refresh(new Date(NOW + 2 * HOUR).toISOString());
  const tickCpuSeconds = cpuSeconds() - started;
  const openOrders = projection.openCount();
  return { openOrders, tickCpuSeconds, ordersPerSecond: openOrders / tickCpuSeconds, seedSeconds };
}

/** Only the learner: each event's begin / observe / end, as the projection's fold calls them. */
function learnerMemory(events: ReturnType<typeof etaSteadyState>, open: number, baseline: number): EtaLearnerMemoryFigures {
  const learner = new EtaLearner();
  const placed = new Map<string, { at: number; route: { origin: never; destination: never } }>();
  for (const e of events) {
    const id = e.data.orderId;
    const at = Date.parse((e.data as { occurredAt: string }).occurredAt);
    if (e.type === 'OrderPlaced') {
      const route = { origin: e.data.origin, destination: e.data.destination } as { origin: never; destination: never };
      placed.set(id, { at, route });
      learner.begin(id, 'handoff', route, at);
    } else if (e.type === 'HandedToCarrier') {
      const p = placed.get(id)!;
      learner.observe('handoff', p.route, at - p.at, at, id);
      learner.begin(id, 'transit', p.route, at);
      p.at = at;
    } else if (e.type === 'Delivered') {
      const p = placed.get(id)!;
      learner.observe('transit', p.route, at - p.at, at, id);
      placed.delete(id);
    }
  }
  placed.clear(); // the projection's own memory of open orders is not the learner's
  events.length = 0; // nor are the events
  learner.estimate('transit', { origin: { state: 'SP' }, destination: { state: 'RJ' } }, NOW + HOUR); // moves the sums to now (prunes)
  (globalThis as { gc?: () => void }).gc?.();
  return { openOrders: open, rssMb: process.memoryUsage().rss / 2 ** 20, baselineRssMb: baseline / 2 ** 20, heldParcels: learner.openCount() };
}

runWorker('eta tick worker', main);
