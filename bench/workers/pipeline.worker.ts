import { EventTimeClock, type EventStore, handleCommand, StatusProjection, startEtaPipeline, startProjection } from '@ot/application';
import { addDays, DomainError, type PartnerEvent } from '@ot/domain';
import { InMemoryEventStore, SqliteEventStore } from '@ot/event-store';
import { InMemoryEtaViewStore, InMemoryStatusViewStore } from '@ot/read-model';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWorker } from '../lib/child';
import { performance } from 'node:perf_hooks';
import { type OlistOrder, readOlistOrders, timeline, toPartnerEvent } from '@ot/replay';
import { startPipelineNotifier } from './pipeline-notifier';

const TIME_ZONE = 'America/Sao_Paulo';
const PASS_SHIFT_DAYS = 730; // each pass two years later than the last, so the event-time clock never goes back

/** Pass `pass` of the file: fresh order ids, times moved forward, in time order, as the service's normalisers would make them. */
function replayPass(orders: readonly OlistOrder[], pass: number): PartnerEvent[] {
  const shiftMs = pass * PASS_SHIFT_DAYS * 86_400_000;
  const renamed =
    pass === 0 ? orders : orders.map((o) => ({ ...o, orderId: `${o.orderId}-p${pass}`, promisedDate: addDays(o.promisedDate, pass * PASS_SHIFT_DAYS) }));
  return timeline(renamed, TIME_ZONE).map((step) => toPartnerEvent({ ...step, at: step.at + shiftMs }, TIME_ZONE));
}

/**
 * The whole in-process pipeline over the Olist file: decide + append (handleCommand), the status
 * projection, the ETA projection with the delay reactor and clock ticks, and the notifier behind the
 * relay and the in-process bus. Passes repeat the file
 * with fresh ids until PIPELINE_SECONDS have passed (at most PIPELINE_MAX_PASSES).
 * Commands for different orders run concurrently (PIPELINE_WINDOW in flight), each order's in order.
 * Prints nothing; sends its figures to the parent.
 */
export type PipelineFigures = {
  store: string;
  passes: number;
  partnerEvents: number;
  storedEvents: number;
  rejected: number;
  seconds: number;
  eventsPerSecond: number;
  /** Process CPU (user + system, every thread) per partner event: steadier than the rate on a shared machine. */
  cpuUsPerEvent: number;
  systemEvents: number;
  statusDocs: number;
  notifier: string;
  tickHours: number;
  /** One explicit tick after the replay: every open order re-forecast and judged by the delay rules. */
  finalTick: { openOrdersEvaluated: number; appended: number; ms: number };
  /** Wall time from the end of the feed until the ETA projection had caught up, before the final tick. */
  etaCatchUpMs: number;
};

async function main(): Promise<PipelineFigures> {
  const csv = process.env.PIPELINE_CSV ?? join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'olist-orders.csv');
  const kind = process.env.PIPELINE_STORE ?? 'memory';
  const seconds = Number(process.env.PIPELINE_SECONDS ?? 10);
  const maxPasses = Number(process.env.PIPELINE_MAX_PASSES ?? 50);
  const window = Number(process.env.PIPELINE_WINDOW ?? 256);
  const tickEvery = Number(process.env.PIPELINE_TICK_HOURS ?? 0) * 3_600_000;

  const rows = readOlistOrders(csv, process.env.PIPELINE_ROWS ? Number(process.env.PIPELINE_ROWS) : undefined);
  const debug = (msg: string) => process.env.BENCH_DEBUG && console.error(`[pipeline ${((performance.now() - started) / 1000).toFixed(1)}s] ${msg}`);
  const store: EventStore =
    kind === 'sqlite' ? new SqliteEventStore({ path: join(mkdtempSync(join(tmpdir(), 'ot-bench-pipe-')), 'events.db') }) : new InMemoryEventStore();
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const clock = new EventTimeClock(0);
  const statusViews = new InMemoryStatusViewStore();
  // PIPELINE_STATUS=0 / PIPELINE_ETA=0 / PIPELINE_NOTIFIER=0 leave that consumer out (bench only: its share of the CPU)
  const status = process.env.PIPELINE_STATUS === '0' ? undefined : await startProjection(store, new StatusProjection(statusViews));
  const etaOn = process.env.PIPELINE_ETA !== '0';
  const notifierMode = process.env.PIPELINE_NOTIFIER ?? 'full'; // 0, relay, inbox (no dispatcher) or full
  const notifier = notifierMode === '0' ? undefined : await startPipelineNotifier(store, clock, kind, notifierMode);
  let eta: Awaited<ReturnType<typeof startEtaPipeline>> | undefined;

  let partnerEvents = 0;
  let rejected = 0;
  let passes = 0;
  for (let pass = 0; pass < maxPasses && (pass === 0 || performance.now() - started < seconds * 1000); pass++) {
    const events = replayPass(rows, pass);
    if (!eta && etaOn) {
      clock.observe(events[0].data.occurredAt);
      eta = await startEtaPipeline({ store, clock, etaStore: new InMemoryEtaViewStore(), tickEveryMs: tickEvery, pollEveryMs: 3_600_000 });
    }
    const chains = new Map<string, Promise<void>>();
    const inFlight = new Set<Promise<void>>();
    for (const event of events) {
      clock.observe(event.data.occurredAt);
      const orderId = event.data.orderId;
      const run = (chains.get(orderId) ?? Promise.resolve()).then(() => record(store, event)).then((ok) => void (ok ? partnerEvents++ : rejected++));
      const tracked = run.finally(() => inFlight.delete(tracked));
      chains.set(orderId, tracked);
      inFlight.add(tracked);
      if (inFlight.size >= window) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    passes++;
    debug(`pass ${pass} fed ${events.length} events`);
  }
  // Done when every projection has caught up with the log and every clock tick that fell due has run.
  const fedAt = performance.now();
  await eta?.settle(); // the ETA projection's backlog at the end of the feed: pipeline work, timed apart from the tick
  const endTick = performance.now();
  const tally = (await eta?.tick()) ?? { evaluated: 0, appended: 0, rejected: 0 }; // one explicit re-forecast of every open order: the cost of a clock tick
  const tickMs = performance.now() - endTick;
  await eta?.stop(); // waits for anything still queued
  let head = (await eta?.projection.checkpoint()) ?? 0;
  for (let page = await store.readAll(head, 10_000); page.length; page = await store.readAll(head, 10_000)) head = page[page.length - 1].globalPosition;
  debug('eta settled and ticks done');
  for (const deadline = Date.now() + 120_000; status && (await statusViews.checkpoint()) < head && Date.now() < deadline;)
    await new Promise((r) => setImmediate(r));
  if (notifier) {
    await notifier.settled();
    clock.observe(clock.now().getTime() + 2 * 86_400_000); // past every quiet hour and collapse window
    await notifier.drain();
    debug(`notifier caught up: ${JSON.stringify(await notifier.tally())}`);
  }
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  const notified = await notifier?.tally();
  await status?.stop();
  await store.close();
  return {
    store: kind,
    tickHours: tickEvery / 3_600_000,
    finalTick: { openOrdersEvaluated: tally.evaluated, appended: tally.appended, ms: tickMs },
    etaCatchUpMs: endTick - fedAt,
    passes,
    partnerEvents,
    storedEvents: head,
    rejected,
    seconds: elapsed,
    eventsPerSecond: partnerEvents / elapsed,
    cpuUsPerEvent: (cpu.user + cpu.system) / partnerEvents,
    systemEvents: head - partnerEvents,
    statusDocs: passes * rows.length,
    notifier: notified ? `${notified.handled} events through the bus and decided, ${notified.sent} sends (stub senders)` : 'off',
  };
}

/** One partner event through the decider: true if it was recorded (appended or an idempotent repeat). */
async function record(store: EventStore, event: PartnerEvent): Promise<boolean> {
  try {
    await handleCommand(store, event.data.orderId, { type: 'RecordPartnerEvent', data: { event } });
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
}

runWorker('pipeline worker', main);
