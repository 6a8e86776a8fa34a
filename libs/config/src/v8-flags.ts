import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings every service process sets for itself first thing (the order-service's main and worker, the
 * notifier's main; the memory and ingest benches the same way, so they measure what ships). Read at each
 * collection, so setting them at start is the same as passing them to node.
 * - Sweeping on the collecting thread (allocation sweeps what it needs first): with V8's background sweeping the
 *   heap took fresh pages while the freed space was still being swept, and old space stayed 1.5-1.9x the live
 *   heap after the start's catch-ups; the pages a collection frees also go back to the system before it returns.
 * docs/PERFORMANCE.md, session 14 (helper mem8); compacting on every full collection as well cost 20-36% CPU.
 */
export const SERVICE_V8_FLAGS = ['--no-concurrent-sweeping'] as const;

export function applyServiceV8Flags(): void {
  for (const flag of SERVICE_V8_FLAGS) setFlagsFromString(flag);
}
