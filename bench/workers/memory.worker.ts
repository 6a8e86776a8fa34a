import { StatusProjection, type StatusViewStore } from '@ot/application';
import { InMemoryStatusViewStore, SqliteStatusViewStore } from '@ot/read-model';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { runWorker } from '../lib/child';
import { seededOrderBatches } from '../fixtures/seed-orders';
import { memorySplit } from './memory-split';
import { holdWholeService } from './whole-service.memory';

/**
 * RSS of a process holding MEMORY_ORDERS orders (default 1,000,000), read after a full collection
 * (run with --expose-gc). MEMORY_STORE=service: everything the embedded service holds for them
 * (whole-service.memory.ts) over the log seeded in MEMORY_DIR. MEMORY_STORE=memory or sqlite: the
 * status documents alone, in InMemoryStatusViewStore or SqliteStatusViewStore (default
 * parsed-document cache), built by the real status projection from 1-3 events per order.
 */
async function main() {
  const orders = Number(process.env.MEMORY_ORDERS ?? 1_000_000);
  const kind = process.env.MEMORY_STORE ?? 'memory';
  const baseline = process.memoryUsage().rss;
  if (kind === 'service') return measured(kind, orders, baseline, () => holdWholeService(process.env.MEMORY_DIR!, orders, Number(process.env.MEMORY_EVENTS)));
  const store: StatusViewStore & { close?: () => Promise<void> } =
    kind === 'sqlite'
      ? new SqliteStatusViewStore({ path: join(mkdtempSync(join(tmpdir(), 'ot-bench-mem-')), 'read-model.db') })
      : new InMemoryStatusViewStore();
  const projection = new StatusProjection(store);
  const started = Date.now();
  for (const batch of seededOrderBatches(orders, 10_000)) await projection.apply(batch);
  // Touch a spread of documents as the read path would (fills the SQLite store's cache).
  for (let n = 0; n < orders; n += 97) await store.get(`seed-${n}`);
  return afterFullGc(kind, orders, baseline, started);
}

async function measured(kind: string, orders: number, baseline: number, hold: () => Promise<object>) {
  const started = Date.now();
  const parts = await hold();
  const reading = afterFullGc(kind, orders, baseline, started);
  // MEMORY_HEAP_SNAPSHOT=<file>: the heap as held at the final reading, for bench/tools/heap-summary.ts
  if (process.env.MEMORY_HEAP_SNAPSHOT) writeHeapSnapshot(process.env.MEMORY_HEAP_SNAPSHOT);
  // MEMORY_IDLE_SECONDS=<n>: a second reading after n idle seconds, as a service between ticks would sit (V8's own
  // memory reducer may run meanwhile); a record beside the figure, which stays the reading right after the work.
  const idleSeconds = Number(process.env.MEMORY_IDLE_SECONDS ?? 0);
  if (idleSeconds > 0) {
    await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
    const afterIdle = afterFullGc(kind, orders, baseline, started);
    return { ...reading, ...parts, afterIdle: { idleSeconds, rssMb: afterIdle.rssMb, split: afterIdle.split } };
  }
  return { ...reading, ...parts };
}

function afterFullGc(kind: string, orders: number, baseline: number, started: number) {
  (globalThis as { gc?: () => void }).gc?.();
  const mem = process.memoryUsage();
  const cpu = process.cpuUsage();
  return {
    store: kind,
    orders,
    rssMb: mem.rss / 2 ** 20,
    heapUsedMb: mem.heapUsed / 2 ** 20,
    externalMb: mem.external / 2 ** 20,
    baselineRssMb: baseline / 2 ** 20,
    buildSeconds: (Date.now() - started) / 1000,
    // wall time swings with the machine's other tenants; the process's own CPU time does far less
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    split: memorySplit(),
  };
}

runWorker('memory worker', main);
