import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';

/**
 * The relay, the in-process bus and the embedded notifier alone, as the order-service wires them
 * (notifier, relay checkpoint and partner-outbox files in SQLite, customers without preferences), over
 * an in-memory log: CPU per webhook, for any built tree. Each webhook is what the ingest bench's
 * causes on a shipped service: an OrderPlaced and the delay reactor's DelayPredicted (decided and
 * logged as opted-out). The webhooks land `page` at a time and are followed to the notifier's commit
 * before the next land, so every follower reads pages of `page` webhooks (a quiet machine's: 1-4).
 *
 *   node dist/bench/tools/notifier-share.js <built tree> [webhooks=6000] [page=2] [with-partner-outbox|-]
 */
type Dist = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- the tree to measure is chosen at run time

function libsAt(root: string): Dist {
  const lib = (name: string) => join(resolve(root), 'dist/libs', name, 'src/index.js');
  /* eslint-disable @typescript-eslint/no-require-imports -- the tree to measure is chosen at run time */
  return {
    ...require(lib('application')),
    ...require(lib('event-store')),
    ...require(lib('messaging')),
    ...require(lib('notifier')),
    ...require(lib('config')),
    ...require(lib('partners')),
  } as Dist;
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/** Statements run through better-sqlite3 in this thread (transactions' BEGIN and COMMIT included), by method. */
function countStatements(): Record<string, number> {
  const counts: Record<string, number> = { all: 0, get: 0, run: 0 };
  const probe = new Database(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, (...args: unknown[]) => unknown>;
  probe.close();
  for (const method of Object.keys(counts)) {
    const original = proto[method];
    proto[method] = function (this: unknown, ...args: unknown[]) {
      counts[method]++;
      return original.apply(this, args);
    };
  }
  return counts;
}

const PROMISED = '2026-12-08';

function webhookEvents(runId: string, n: number, at: string): [string, object[], object[]] {
  const orderId = `${runId}-${n}`;
  const placed = {
    type: 'OrderPlaced',
    data: {
      orderId,
      partner: 'warehouse',
      partnerEventId: `${orderId}-placed`,
      occurredAt: at,
      customerId: `bench-c${n % 1000}`,
      promisedBy: PROMISED,
      origin: { zipPrefix: '01310', city: 'sao paulo', state: 'SP' },
      destination: { zipPrefix: '20040', city: 'rio de janeiro', state: 'RJ' },
      itemCount: 1,
    },
    metadata: { requestId: `req-${n}` },
  };
  const predicted = {
    type: 'DelayPredicted',
    data: { orderId, reason: 'eta-beyond-promise', newExpected: '2026-12-10', promisedBy: PROMISED, detectedAt: at },
  };
  return [`order-${orderId}`, [placed], [predicted]];
}

async function main(): Promise<void> {
  const [root, total = '6000', pageArg = '2', extra] = process.argv.slice(2);
  if (!root) throw new Error('usage: notifier-share <built tree> [webhooks] [page] [with-partner-outbox]');
  const ot = libsAt(root);
  const counts = countStatements();
  Logger.overrideLogger(['error']);
  const dir = mkdtempSync(join(tmpdir(), 'ot-notifier-share-'));
  const store = new ot.InMemoryEventStore();
  const db = ot.openNotifierDb(join(dir, 'notifier.db'));
  const inbox = new ot.SqliteNotificationStore(db);
  const log = new ot.SqliteNotificationLog(db);
  const bus = new ot.InProcessMessageBus(ot.EMBEDDED_BUS_OPTIONS);
  const runner = new ot.NotifierRunner(new ot.ServiceConfig(), {
    ...{ bus, ownsBus: false, store: inbox, preferences: new ot.SqlitePreferencesStore(db), log, senders: new Map() },
    ...{ clock: ot.systemClock, telemetry: ot.noTelemetry, policy: ot.domainNotifierPolicy(), render: ot.domainRenderer },
    ...{ journal: inbox.sentJournal(log), decisions: inbox.decisionJournal(log), close: async () => undefined },
  });
  await runner.onApplicationBootstrap();
  const checkpoints = new ot.SqliteCheckpointStore(join(dir, 'relay.db'));
  const relay = new ot.EventRelay(store, bus, checkpoints);
  await relay.start();
  const partnerOutbox = extra === 'with-partner-outbox' ? new ot.SqlitePartnerOutboxStore(join(dir, 'partner-outbox.db')) : undefined;
  const following = partnerOutbox ? await ot.followProjection(store, new ot.PartnerOutboxProjection(partnerOutbox)) : undefined;

  const runId = `share-${Date.now().toString(36)}`;
  const page = Number(pageArg);
  const webhook = async (n: number) => {
    const [stream, placed, predicted] = webhookEvents(runId, n, new Date().toISOString());
    await store.appendToStream(stream, placed, { expectedVersion: 0 });
    await store.appendToStream(stream, predicted, { expectedVersion: 1 });
  };
  const warm = 100 * page;
  for (let n = 0; n < warm; n += page) await Promise.all(Array.from({ length: page }, (_, i) => webhook(n + i)));
  await relay.settled();
  const before = { ...counts };
  const cpu = process.cpuUsage();
  for (let n = warm; n < warm + Number(total); n += page) {
    await Promise.all(Array.from({ length: page }, (_, i) => webhook(n + i)));
    await relay.settled();
  }
  const used = process.cpuUsage(cpu);
  const perWebhook = (k: string) => Math.round(((counts[k] - before[k]) / Number(total)) * 100) / 100;
  const statements = { all: perWebhook('all'), get: perWebhook('get'), run: perWebhook('run') };
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  console.log(
    JSON.stringify({
      tree: root,
      webhooks: Number(total),
      page,
      partnerOutbox: !!partnerOutbox,
      cpu_us_per_webhook: Math.round((used.user + used.system) / Number(total)),
      statements_per_webhook: statements,
      handled: count('SELECT count(*) AS n FROM handled_events'),
      log_lines: count('SELECT count(*) AS n FROM notification_log'),
      queued: count('SELECT count(*) AS n FROM outbox'),
    }),
  );
  await following?.stop();
  await relay.stop();
  await runner.onApplicationShutdown();
  checkpoints.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
