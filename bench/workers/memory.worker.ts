import { type RecordedEvent, StatusProjection, type StatusViewStore } from '@ot/application';
import { InMemoryStatusViewStore, SqliteStatusViewStore } from '@ot/read-model';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWorker } from '../lib/child';
import { seedEvents } from '../fixtures/seed-orders';

/**
 * RSS of a process holding MEMORY_ORDERS status documents (default 1,000,000) in the read model the
 * way the service does: MEMORY_STORE=memory (InMemoryStatusViewStore, every document in the heap)
 * or sqlite (SqliteStatusViewStore on a file, default parsed-document cache). Documents are built by
 * the real status projection from 1-3 events per order. Run with --expose-gc so RSS is read after a
 * full collection. Nothing else lives in this process: the figure is the read model plus Node itself.
 */
async function main() {
  const orders = Number(process.env.MEMORY_ORDERS ?? 1_000_000);
  const kind = process.env.MEMORY_STORE ?? 'memory';
  const baseline = process.memoryUsage().rss;
  const store: StatusViewStore & { close?: () => Promise<void> } =
    kind === 'sqlite'
      ? new SqliteStatusViewStore({ path: join(mkdtempSync(join(tmpdir(), 'ot-bench-mem-')), 'read-model.db') })
      : new InMemoryStatusViewStore();
  const projection = new StatusProjection(store);
  let position = 0;
  const started = Date.now();
  for (let from = 0; from < orders; from += 10_000) {
    const batch: RecordedEvent[] = [];
    for (let n = from; n < Math.min(orders, from + 10_000); n++) {
      seedEvents(n).forEach((e, i) =>
        batch.push({
          ...e,
          streamId: `order-${e.data.orderId}`,
          streamVersion: i + 1,
          globalPosition: ++position,
          recordedAt: e.data.occurredAt,
        } as RecordedEvent),
      );
    }
    await projection.apply(batch);
  }
  // Touch a spread of documents as the read path would (fills the SQLite store's cache).
  for (let n = 0; n < orders; n += 97) await store.get(`seed-${n}`);
  (globalThis as { gc?: () => void }).gc?.();
  const mem = process.memoryUsage();
  return {
    store: kind,
    orders,
    rssMb: mem.rss / 2 ** 20,
    heapUsedMb: mem.heapUsed / 2 ** 20,
    baselineRssMb: baseline / 2 ** 20,
    buildSeconds: (Date.now() - started) / 1000,
  };
}

runWorker('memory worker', main);
