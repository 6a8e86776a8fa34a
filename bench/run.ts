import { answerHelp, exitWithUsage } from '@ot/config';
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { LoopFigures } from './lib/loop-meter';
import { connections, phaseSeconds, ratio, round } from './lib/stats';
import { printTable } from './lib/table';
import { type DelayBoardFigures, delayBoardPhase } from './phases/delay-board.phase';
import { etaLearnerMemoryPhase, etaTickPhase } from './phases/eta-tick.phase';
import { type IngestFigures, ingestPhase } from './phases/ingest.phase';
import { type StatusFigures, statusPhase } from './phases/status.phase';
import { type MemoryFigures, memoryPhase, pipelinePhase } from './phases/workers.phase';
import type { EtaLearnerMemoryFigures, EtaTickFigures } from './workers/eta-tick.worker';
import type { PipelineFigures } from './workers/pipeline.worker';

/**
 * `npm run bench [ingest status pipeline memory board eta-tick]`: every phase starts what it needs (servers in child
 * processes on loopback), runs bounded in time, and the last stdout line is one JSON object.
 *   BENCH_SECONDS (10) per load phase, BENCH_CONNECTIONS (32), BENCH_STATUS_ORDERS (100000),
 *   BENCH_MEMORY_ORDERS (1000000), BENCH_BOARD_ORDERS (100000), BENCH_BOARD_CONNECTIONS (4), BENCH_PIPELINE_TICK_HOURS (24), BENCH_ETA_TICK_ORDERS (100000,1000000), BENCH_PROFILE_DIR (write --cpu-prof files there), BENCH_KEEP_FILES=1 (keep the temp folders).
 */
const ALL_PHASES = ['ingest', 'status', 'pipeline', 'memory', 'board', 'eta-tick'];
const USAGE = `usage: npm run bench -- [${ALL_PHASES.join(' ')}]\n  the phases named (all when none), settings in BENCH_* variables (docs/PERFORMANCE.md)`;

async function main(): Promise<void> {
  const all = ALL_PHASES;
  answerHelp(USAGE);
  const phases = process.argv.slice(2).length ? process.argv.slice(2) : all;
  const unknown = phases.filter((p) => !all.includes(p));
  if (unknown.length) exitWithUsage(`unknown phase(s) ${unknown.join(', ')}\n${USAGE}`);
  const seconds = phaseSeconds();
  const conns = connections();
  const profileDir = process.env.BENCH_PROFILE_DIR;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  console.log(`bench: ${phases.join(', ')}; ${seconds} s per load phase, ${conns} connections; ${cpus().length} CPUs, load average ${load()} (before)`);

  let ingest: IngestFigures | undefined;
  let status: StatusFigures | undefined;
  const pipelines: { label: string; figures: PipelineFigures }[] = [];
  const memory: MemoryFigures[] = [];
  let board: DelayBoardFigures | undefined;
  const etaTicks: EtaTickFigures[] = [];
  let etaLearnerMemory: EtaLearnerMemoryFigures | undefined;

  if (phases.includes('ingest')) ingest = await ingestPhase({ seconds, connections: conns, profileDir });
  if (phases.includes('status'))
    status = await statusPhase({ seconds, connections: conns, orders: Number(process.env.BENCH_STATUS_ORDERS ?? 100_000), profileDir });
  if (phases.includes('pipeline')) {
    // Event-driven pipeline (the JSON figure); clock ticks re-forecast every open order per simulated
    // interval, a cost per simulated day rather than per event, priced by the final tick instead.
    pipelines.push({ label: 'event-driven', figures: await pipelinePhase({ seconds, tickHours: 0, profileDir, label: 'event-driven' }) });
    const tickHours = Number(process.env.BENCH_PIPELINE_TICK_HOURS ?? 0);
    if (tickHours > 0) pipelines.push({ label: `+ clock ticks every ${tickHours} h`, figures: await pipelinePhase({ seconds, tickHours, profileDir }) });
  }
  if (phases.includes('memory')) {
    const orders = Number(process.env.BENCH_MEMORY_ORDERS ?? 1_000_000);
    const stores = (process.env.BENCH_MEMORY_STORES ?? 'memory,sqlite,service').split(',') as ('memory' | 'sqlite' | 'service')[];
    for (const store of stores) memory.push(await memoryPhase({ orders, store }));
  }

  if (phases.includes('board')) {
    board = await delayBoardPhase({
      seconds,
      connections: Number(process.env.BENCH_BOARD_CONNECTIONS ?? 4),
      orders: Number(process.env.BENCH_BOARD_ORDERS ?? 100_000),
    });
  }

  if (phases.includes('eta-tick')) {
    for (const orders of (process.env.BENCH_ETA_TICK_ORDERS ?? '100000,1000000').split(',').map(Number)) etaTicks.push(await etaTickPhase({ orders }));
    etaLearnerMemory = await etaLearnerMemoryPhase({ orders: 1_000_000 });
  }

  const loads = [
    ingest?.bare,
    ingest?.floor,
    ingest?.service,
    ingest?.edgeOnly,
    status?.bare,
    status?.bareSameRequests,
    status?.floor,
    status?.serviceFloor,
    status?.service,
    status?.notModified,
    board?.load,
  ].filter((r) => r !== undefined);
  if (loads.length) {
    printTable(
      'HTTP load (autocannon, child-process servers on loopback)',
      ['phase', 'ok req/s', 'p50 ms', 'p99 ms', 'CPU us/ok', 'ok', 'other', 'errors', 'statuses'],
      loads.map((r) => [r.name, round(r.rps, 0), r.p50, r.p99, r.cpuUsPerOk ?? '-', r.ok, r.non2xx, r.errors + r.timeouts, JSON.stringify(r.statusCounts)]),
    );
  }
  if (ingest)
    console.log(
      `projection lag (2xx -> visible in GET): p50 ${round(ingest.lagP50)} ms, p99 ${round(ingest.lagP99)} ms over ${ingest.lagSamples} probes (${ingest.lagMisses} not seen)`,
    );
  if (ingest) {
    const loop = (l: LoopFigures) => `busy ${round(l.busy, 2)}, a 10 ms timer late by p99 ${round(l.delayP99Ms, 1)} ms (max ${round(l.delayMaxMs, 1)})`;
    console.log(`service event loop over the load: as shipped ${loop(ingest.serviceLoop)}; store + status only ${loop(ingest.edgeLoop)}`);
  }
  if (board)
    console.log(
      `board: ${board.orders} open orders (${board.delayed} delayed) seeded through the projection in ${board.seedMs} ms; ${board.connections} connections (p99 target < 50 ms)`,
    );
  if (status)
    console.log(
      `status: ${status.orders} orders seeded in ${status.seedMs} ms; service ready in ${status.startMs} ms (RUN_ETA=false, RUN_NOTIFIER=false); documents up to ${status.docBytes} bytes; ${Math.round(status.missShare * 100)}% of the 200 run's reads were first reads (cache misses)`,
    );
  if (pipelines.length) {
    printTable(
      'In-process pipeline (Olist CSV: decide+append, status projection, ETA + delay reactor)',
      ['variant', 'store', 'passes', 'partner events', 'stored events', 'rejected', 'seconds', 'events/s', 'CPU us/event', 'notifier'],
      pipelines.map(({ label, figures: f }) => [
        label,
        f.store,
        f.passes,
        f.partnerEvents,
        f.storedEvents,
        f.rejected,
        round(f.seconds),
        round(f.eventsPerSecond, 0),
        round(f.cpuUsPerEvent, 0),
        f.notifier,
      ]),
    );
    for (const { label, figures: f } of pipelines) {
      const t = f.finalTick;
      console.log(
        `${label}: the ETA projection caught up ${round(f.etaCatchUpMs, 0)} ms after the feed; then one clock tick re-forecast ${t.openOrdersEvaluated} open orders in ${round(t.ms, 0)} ms (${round(t.openOrdersEvaluated / (t.ms / 1000), 0)} orders/s), appended ${t.appended}`,
      );
    }
  }
  if (memory.length) {
    printTable(
      'Memory (child process, after full GC): status documents alone (memory, sqlite), the whole embedded service (service)',
      ['store', 'orders', 'RSS MB', 'heap used MB', 'empty RSS MB', 'build s', 'CPU s'],
      memory.map((m) => [
        m.store,
        m.orders,
        round(m.rssMb, 0),
        round(m.heapUsedMb, 0),
        round(m.baselineRssMb, 0),
        round(m.buildSeconds, 1),
        round(m.cpuSeconds, 1),
      ]),
    );
    for (const m of memory.filter((x) => x.store === 'service'))
      console.log(
        `service: log seeded in ${round(m.seedSeconds ?? NaN, 1)} s; ETA learner rebuilt in ${round(m.etaSeconds ?? NaN, 1)} s, notifier caught up by ${round(m.catchUpSeconds ?? NaN, 1)} s; heap MB after each part ${JSON.stringify(m.heapMb)}, RSS MB ${JSON.stringify(m.partRssMb)}; at the end ${JSON.stringify(m.split)}`,
      );
  }
  if (etaTicks.length) {
    printTable(
      'ETA clock tick (child process: ETA projection, in-memory views; second of two hourly ticks)',
      ['open orders', 'tick CPU s', 'orders/s (CPU)', 'seed CPU s'],
      etaTicks.map((t) => [t.openOrders, round(t.tickCpuSeconds, 2), round(t.ordersPerSecond, 0), round(t.seedSeconds, 0)]),
    );
  }
  if (etaLearnerMemory) {
    const m = etaLearnerMemory;
    console.log(
      `ETA learner memory: ${m.openOrders} open orders (${m.heldParcels} parcels held): RSS ${round(m.rssMb, 0)} MB (empty ${round(m.baselineRssMb, 0)} MB)`,
    );
  }
  const etaTick = (orders: number) => etaTicks.find((t) => t.openOrders >= orders * 0.99 && t.openOrders <= orders * 1.01)?.ordersPerSecond;
  console.log(`load average ${load()} (after)${profileDir ? `; CPU profiles in ${join(profileDir)}` : ''}`);

  const figure = (x: number | undefined, digits = 2) => (x === undefined || !Number.isFinite(x) ? null : round(x, digits));
  console.log(
    JSON.stringify({
      ingest_events_per_s: figure(ingest?.service.rps, 0),
      ingest_vs_bare_http: ingest ? figure(ratio(ingest.service.rps, ingest.bare.rps), 3) : null,
      ingest_p99_ms: figure(ingest?.service.p99),
      // the as-shipped service's main thread over the load: near 1, its p99 is a queue behind one busy thread
      ingest_loop_busy: figure(ingest?.serviceLoop.busy),
      ingest_loop_delay_p99_ms: figure(ingest?.serviceLoop.delayP99Ms, 1),
      // CPU per webhook (all threads of the server), steadier than rates on a shared machine; targets: store+status <= 2x the floor, as shipped <= 3x
      ingest_cpu_us: figure(ingest?.service.cpuUsPerOk ?? undefined, 0),
      ingest_store_status_cpu_us: figure(ingest?.edgeOnly.cpuUsPerOk ?? undefined, 0),
      ingest_floor_cpu_us: figure(ingest?.floor.cpuUsPerOk ?? undefined, 0),
      bare_cpu_us: figure(ingest?.bare.cpuUsPerOk ?? undefined, 0),
      ingest_vs_floor_cpu: ingest ? figure(ratio(ingest.service.cpuUsPerOk ?? NaN, ingest.floor.cpuUsPerOk ?? NaN)) : null,
      ingest_store_status_vs_floor_cpu: ingest ? figure(ratio(ingest.edgeOnly.cpuUsPerOk ?? NaN, ingest.floor.cpuUsPerOk ?? NaN)) : null,
      status_rps: figure(status?.service.rps, 0),
      status_vs_bare_http: status ? figure(ratio(status.service.rps, status.bare.rps), 3) : null,
      status_cpu_us: figure(status?.service.cpuUsPerOk ?? undefined, 1),
      status_bare_cpu_us: figure(status?.bare.cpuUsPerOk ?? undefined, 1),
      status_service_floor_cpu_us: figure(status?.serviceFloor.cpuUsPerOk ?? undefined, 1),
      // bare CPU / our CPU per response: 0.7 means a 200 costs at most 1/0.7 of bare node:http's
      status_vs_bare_cpu: status?.service.cpuUsPerOk && status.bare.cpuUsPerOk ? figure(status.bare.cpuUsPerOk / status.service.cpuUsPerOk, 3) : null,
      // bare loaded with the 200 run's own requests (the generator sends fewer per second than one constant request)
      status_bare_same_requests_cpu_us: figure(status?.bareSameRequests.cpuUsPerOk ?? undefined, 1),
      status_vs_bare_same_requests_cpu:
        status?.service.cpuUsPerOk && status.bareSameRequests.cpuUsPerOk ? figure(status.bareSameRequests.cpuUsPerOk / status.service.cpuUsPerOk, 3) : null,
      status_p99_ms: figure(status?.service.p99),
      status_304_rps: figure(status?.notModified.rps, 0),
      status_304_cpu_us: figure(status?.notModified.cpuUsPerOk ?? undefined, 1),
      status_miss_share: figure(status?.missShare, 3),
      projection_lag_p99_ms: figure(ingest?.lagP99),
      board_list_p99_ms: figure(board?.load.p99),
      pipeline_events_per_s: figure(pipelines[0]?.figures.eventsPerSecond, 0),
      pipeline_cpu_us_per_event: figure(pipelines[0]?.figures.cpuUsPerEvent, 0),
      // the service's default read model (READ_MODEL_PATH, SQLite); the in-memory store's figure is in the table
      rss_mb_1m_orders: figure(memory.find((m) => m.store === 'sqlite')?.rssMb, 0),
      // status view, ETA view and learner, notifier state, event store: bench/workers/whole-service.memory.ts
      rss_mb_1m_orders_whole_service: figure(memory.find((m) => m.store === 'service')?.rssMb, 0),
      eta_tick_orders_per_s_100k: figure(etaTick(100_000), 0),
      eta_tick_orders_per_s_1m: figure(etaTick(1_000_000), 0),
      eta_learner_rss_mb_1m: figure(etaLearnerMemory?.rssMb, 0),
    }),
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
