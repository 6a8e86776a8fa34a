import { EventTimeClock, startEtaPipeline } from '@ot/application';
import { applyServiceV8Flags } from '@ot/config';
import { SqliteEventStore } from '@ot/event-store';
import { SqliteEtaViewStore, SqliteOrderDocumentsReader, SqliteStatusViewStore } from '@ot/read-model';
import { join } from 'node:path';
import { memorySplit } from './memory-split';
import { startPipelineNotifier } from './pipeline-notifier';

/**
 * heapMb, partRssMb: heap used and RSS after a full GC once each part holds its share, in order (where
 * the memory goes; RSS also counts what lives outside the JS heap, such as SQLite's page caches).
 */
export type WholeServiceParts = {
  events: number;
  notificationsSent: number;
  catchUpSeconds: number;
  etaSeconds: number;
  heapMb: Record<string, number>;
  partRssMb: Record<string, number>;
};

/** Heap used and RSS after a full GC, taken under a part's name into the two records. */
function readingsInto(heapMb: Record<string, number>, partRssMb: Record<string, number>): (part: string) => void {
  return (part) => {
    (globalThis as { gc?: () => void }).gc?.();
    const { heapUsed, rss } = process.memoryUsage();
    heapMb[part] = Math.round(heapUsed / 2 ** 20);
    partRssMb[part] = Math.round(rss / 2 ** 20);
    // as each part is read: a long run (1M orders) shows where it stands before it ends
    if (process.env.BENCH_DEBUG) console.error(JSON.stringify({ part, ...memorySplit(), cpuS: process.cpuUsage().user / 1e6, at: new Date().toISOString() }));
  };
}

/**
 * Opens in this process what the embedded service holds for a seeded log in `dir` (seedOrders: the
 * event file, the status view and the delay board at the head): the SQLite event store, the status
 * view, the ETA view with the ETA pipeline (learner rebuilt from the log, open parcels included,
 * then caught up), and the notifier's inbox, outbox and attempt log on its SQLite file, fed every
 * event. Clock ticks are off: a tick re-forecasts every open order, a CPU cost, not a memory one.
 * Everything stays open, so the caller's RSS reading covers it.
 */
export async function holdWholeService(dir: string, orders: number, events: number): Promise<WholeServiceParts> {
  applyServiceV8Flags(); // as the service's main does
  const started = Date.now();
  const heapMb: Record<string, number> = {};
  const partRssMb: Record<string, number> = {};
  const reading = readingsInto(heapMb, partRssMb);
  reading('empty');
  const store = new SqliteEventStore({ path: join(dir, 'events.db') });
  const statusViews = new SqliteStatusViewStore({ path: join(dir, 'read-model.db') });
  const clock = new EventTimeClock(0);
  const eta = await startEtaPipeline({ store, clock, etaStore: new SqliteEtaViewStore(join(dir, 'eta-read-model.db')) });
  const notifier = await startPipelineNotifier(store, clock, 'sqlite');
  await eta.settle();
  const etaSeconds = (Date.now() - started) / 1000;
  reading('etaLearnerAndView');
  await notifier.settled();
  reading('notifier');
  // The read path's parsed-document cache, filled as reads would fill it, and GET /orders/:id's miss
  // path (both documents in one statement, on the reader's own connection, as the service opens it).
  const documents = new SqliteOrderDocumentsReader({ statusPath: join(dir, 'read-model.db'), etaPath: join(dir, 'eta-read-model.db') });
  for (let n = 0; n < orders; n += 97) {
    await statusViews.get(`seed-${n}`);
    documents.readNow(`seed-${n}`);
  }
  reading('statusReadCache');
  holding.push(store, statusViews, eta, notifier, documents);
  return { events, notificationsSent: (await notifier.tally()).sent, catchUpSeconds: (Date.now() - started) / 1000, etaSeconds, heapMb, partRssMb };
}

/** Kept reachable until the process exits, so a full GC cannot collect what the service would hold. */
const holding: unknown[] = [];
