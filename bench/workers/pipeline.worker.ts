import { EventTimeClock, type EventStore, handleCommand, StatusProjection, startEtaPipeline, startProjection } from '@ot/application';
import { DomainError, type PartnerEvent } from '@ot/domain';
import { InMemoryEventStore, SqliteEventStore } from '@ot/event-store';
import { InMemoryEtaViewStore, InMemoryStatusViewStore } from '@ot/read-model';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitWithParent } from '../lib/child';
import { performance } from 'node:perf_hooks';
import { readOlistCsv, replayPass } from '../fixtures/olist-events';

/**
 * The whole in-process pipeline over the Olist file: decide + append (handleCommand), the status
 * projection, the ETA projection with the delay reactor and clock ticks. Passes repeat the file
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
  systemEvents: number;
  statusDocs: number;
  notifier: string;
};

async function main(): Promise<PipelineFigures> {
  const csv = process.env.PIPELINE_CSV ?? join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'olist-orders.csv');
  const kind = process.env.PIPELINE_STORE ?? 'memory';
  const seconds = Number(process.env.PIPELINE_SECONDS ?? 10);
  const maxPasses = Number(process.env.PIPELINE_MAX_PASSES ?? 50);
  const window = Number(process.env.PIPELINE_WINDOW ?? 256);
  const tickMs = Number(process.env.PIPELINE_TICK_HOURS ?? 24) * 3_600_000;

  const rows = readOlistCsv(csv).slice(0, Number(process.env.PIPELINE_ROWS ?? Number.MAX_SAFE_INTEGER));
  const debug = (msg: string) => process.env.BENCH_DEBUG && console.error(`[pipeline ${((performance.now() - started) / 1000).toFixed(1)}s] ${msg}`);
  const store: EventStore = kind === 'sqlite' ? new SqliteEventStore({ path: join(mkdtempSync(join(tmpdir(), 'ot-bench-pipe-')), 'events.db') }) : new InMemoryEventStore();
  const started = performance.now();
  const clock = new EventTimeClock(0);
  const statusViews = new InMemoryStatusViewStore();
  const status = await startProjection(store, new StatusProjection(statusViews));
  let eta: Awaited<ReturnType<typeof startEtaPipeline>> | undefined;

  let partnerEvents = 0;
  let rejected = 0;
  let passes = 0;
  for (let pass = 0; pass < maxPasses && (pass === 0 || performance.now() - started < seconds * 1000); pass++) {
    const events = replayPass(rows, pass);
    if (!eta) {
      clock.observe(events[0].data.occurredAt);
      eta = await startEtaPipeline({ store, clock, etaStore: new InMemoryEtaViewStore(), tickEveryMs: tickMs, pollEveryMs: 3_600_000 });
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
  await eta!.settle();
  const head = await eta!.projection.checkpoint(); // settle() drained the log to its head
  await eta!.stop(); // waits for the ticks still queued
  debug('eta settled and ticks done');
  for (const deadline = Date.now() + 120_000; (await statusViews.checkpoint()) < head && Date.now() < deadline; ) await new Promise((r) => setImmediate(r));
  const elapsed = (performance.now() - started) / 1000;
  await status.stop();
  await store.close();
  return {
    store: kind,
    passes,
    partnerEvents,
    storedEvents: head,
    rejected,
    seconds: elapsed,
    eventsPerSecond: partnerEvents / elapsed,
    systemEvents: head - partnerEvents,
    statusDocs: passes * rows.length,
    notifier: 'not wired yet',
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

exitWithParent(); // SIGTERM from the parent: a clean exit, so --cpu-prof writes its profile
main().then(
  (result) => (process.send ? process.send({ ready: { port: 0, result } }) : console.log(JSON.stringify(result))),
  (error) => {
    console.error('pipeline worker failed', error);
    process.exit(1);
  },
);
