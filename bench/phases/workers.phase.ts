import { join } from 'node:path';
import type { MemorySplit } from '../workers/memory-split';
import type { PipelineFigures } from '../workers/pipeline.worker';
import { seedOrders } from '../fixtures/seed-orders';
import { startChild } from '../lib/child';
import { benchTempDir } from '../lib/temp-dir';

export type MemoryFigures = {
  store: string;
  orders: number;
  rssMb: number;
  heapUsedMb: number;
  baselineRssMb: number;
  buildSeconds: number;
  cpuSeconds: number;
  /** store 'service' only: seconds to seed the log here, then for the child to rebuild and catch up. */
  seedSeconds?: number;
  catchUpSeconds?: number;
  etaSeconds?: number;
  heapMb?: Record<string, number>;
  /** The final reading's RSS split (kernel, V8, worker threads), bench/workers/memory-split.ts. */
  split?: MemorySplit;
  partRssMb?: Record<string, number>;
};

const profiling = (dir: string | undefined, name: string): string[] =>
  dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}.cpuprofile`] : [];

/** The in-process pipeline in a child of its own (fresh heap, own profile). */
export async function pipelinePhase(opts: { seconds: number; tickHours: number; profileDir?: string; label?: string }): Promise<PipelineFigures> {
  const child = await startChild(
    'workers/pipeline.worker.js',
    { PIPELINE_SECONDS: String(opts.seconds), PIPELINE_TICK_HOURS: String(opts.tickHours) },
    { timeoutMs: 30 * 60_000, execArgv: profiling(opts.profileDir, `pipeline-${opts.label ?? opts.tickHours}`) },
  );
  await child.stop();
  return child.ready.result as PipelineFigures;
}

/**
 * RSS of a process holding `orders` orders, read after a full GC: the status documents alone
 * (memory, sqlite), or everything the embedded service holds (service; the log, status view and
 * board are seeded here first, so the child's heap starts clean).
 */
export async function memoryPhase(opts: { orders: number; store: 'memory' | 'sqlite' | 'service' }): Promise<MemoryFigures> {
  const env: Record<string, string> = { MEMORY_ORDERS: String(opts.orders), MEMORY_STORE: opts.store };
  let seedSeconds: number | undefined;
  if (opts.store === 'service') {
    const dir = benchTempDir('mem-service');
    const seeded = await seedOrders(join(dir, 'events.db'), join(dir, 'read-model.db'), opts.orders);
    Object.assign(env, { MEMORY_DIR: dir, MEMORY_EVENTS: String(seeded.events) });
    seedSeconds = seeded.ms / 1000;
  }
  const child = await startChild('workers/memory.worker.js', env, { timeoutMs: 60 * 60_000, execArgv: ['--expose-gc'] });
  await child.stop();
  return { ...(child.ready.result as MemoryFigures), seedSeconds };
}
