import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings every service process sets for itself first thing (the order-service's main and worker, the
 * notifier's main; the memory and ingest benches the same way, so they measure what ships). Both are read at
 * each collection, so setting them at start is the same as passing them to node.
 * - Every full collection compacts the fragmented old-space pages: after the start's catch-ups the open orders
 *   sit scattered over pages the fold's and the notifier's short-lived objects filled, and V8's default
 *   (a few MB evacuated per collection) left 30-70% of old space committed above the live heap.
 * - Sweeping on the collecting thread: the pages a collection frees go back to the system before it returns,
 *   not from a background task later (compaction alone moved that memory out of V8's count, not out of RSS).
 * docs/PERFORMANCE.md, session 14 (helper mem8).
 */
export const SERVICE_V8_FLAGS = ['--compact-on-every-full-gc', '--no-concurrent-sweeping'] as const;

export function applyServiceV8Flags(): void {
  for (const flag of SERVICE_V8_FLAGS) setFlagsFromString(flag);
}
