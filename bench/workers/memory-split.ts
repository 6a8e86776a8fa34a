import { readFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';

/**
 * Where a process's resident memory is, in MB: the kernel's split of RSS (anonymous, file-backed pages
 * such as a mapped SQLite file, shared memory), V8's own view of the main isolate (used, committed,
 * external, array buffers) and the heap of every worker thread (a worker is its own isolate, outside
 * process.memoryUsage()). What is anonymous and none of these is native: SQLite's page caches, the
 * allocator's arenas, Node's own.
 */
export type MemorySplit = {
  rssMb: number;
  rssAnonMb: number;
  rssFileMb: number;
  rssShmemMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  workerHeapsMb: { usedMb: number; totalMb: number }[];
  /** V8's spaces of the main isolate, used / committed MB each (where the committed heap's slack is). */
  spacesMb: Record<string, [used: number, committed: number]>;
};

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

/**
 * The kernel's split of RSS from /proc/self/smaps_rollup, in MB (Linux only; zero elsewhere): it walks
 * the page tables, where /proc/self/status's RssAnon/RssFile are per-thread counters that lag.
 * A mapped SQLite file on tmpfs is shmem (Pss_Shmem: only this process maps it), on disk file (the rest).
 */
function kernelSplit(): Pick<MemorySplit, 'rssAnonMb' | 'rssFileMb' | 'rssShmemMb'> {
  let rollup = '';
  try {
    rollup = readFileSync('/proc/self/smaps_rollup', 'utf8');
  } catch {
    // not Linux
  }
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0);
  const [rss, anon, shmem] = [kb('Rss'), kb('Anonymous'), kb('Pss_Shmem')];
  return { rssAnonMb: Math.round(anon / 1024), rssFileMb: Math.round((rss - anon - shmem) / 1024), rssShmemMb: Math.round(shmem / 1024) };
}

/** Worker threads' heaps as the diagnostic report gives them (it stops each worker briefly: a reading, not a hot path). */
function workerHeaps(): MemorySplit['workerHeapsMb'] {
  const report = process.report?.getReport() as { workers?: { javascriptHeap?: { usedMemory: number; totalMemory: number } }[] } | undefined;
  return (report?.workers ?? []).map((w) => ({ usedMb: mb(w.javascriptHeap?.usedMemory ?? 0), totalMb: mb(w.javascriptHeap?.totalMemory ?? 0) }));
}

export function memorySplit(): MemorySplit {
  const m = process.memoryUsage();
  return {
    rssMb: mb(m.rss),
    ...kernelSplit(),
    heapUsedMb: mb(m.heapUsed),
    heapTotalMb: mb(m.heapTotal),
    externalMb: mb(m.external),
    arrayBuffersMb: mb(m.arrayBuffers),
    workerHeapsMb: workerHeaps(),
    spacesMb: Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, [mb(s.space_used_size), mb(s.physical_space_size)]])),
  };
}
