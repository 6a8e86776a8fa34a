import type { PipelineFigures } from '../workers/pipeline.worker';
import { startChild } from '../lib/child';

export type MemoryFigures = { store: string; orders: number; rssMb: number; heapUsedMb: number; baselineRssMb: number; buildSeconds: number };

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

/** RSS of a process holding `orders` status documents, read after a full GC. */
export async function memoryPhase(opts: { orders: number; store: 'memory' | 'sqlite' }): Promise<MemoryFigures> {
  const child = await startChild(
    'workers/memory.worker.js',
    { MEMORY_ORDERS: String(opts.orders), MEMORY_STORE: opts.store },
    { timeoutMs: 30 * 60_000, execArgv: ['--expose-gc'] },
  );
  await child.stop();
  return child.ready.result as MemoryFigures;
}
