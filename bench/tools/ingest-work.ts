import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { benchTempDir } from '../lib/temp-dir';

/**
 * The work one webhook costs, counted rather than timed: SQLite statements run on the service's
 * main thread per webhook (reads and view writes; the event commits run on the writer thread), and
 * the process's CPU per webhook, for any built tree, in process through `inject` (no sockets).
 * Counts move with how the followers' pages fall (a loaded machine makes them longer), not with
 * the CPU's speed, so they show what a change removed when CPU figures are too noisy to.
 *
 *   node dist/bench/tools/ingest-work.js <built tree> [webhooks=2000] [shipped|edge|eta|notifier] [detail|-] [rate]
 *
 * `detail` adds the statements per webhook by SQL text (the first 90 characters), most frequent first.
 * Without a rate the webhooks go 32 at once; with one, one at a time every 1000/rate ms, so each
 * follower's page holds about one webhook's events (a quiet machine's pages).
 */
type Tree = {
  buildApp: (env: Record<string, string | undefined>) => Promise<{
    inject(req: object): Promise<{ statusCode: number }>;
    init(): Promise<unknown>;
    close(): Promise<void>;
  }>;
  serviceEnv: (dir: string, overrides?: Record<string, string>) => Record<string, string>;
  placedBody: (runId: string, n: number) => { body: string };
  warehouseHeaders: (body: string) => Record<string, string>;
};

function treeAt(root: string): Tree {
  const dist = join(resolve(root), 'dist');
  /* eslint-disable @typescript-eslint/no-require-imports -- the tree to measure is chosen at run time */
  return {
    ...require(join(dist, 'apps/order-service/src/bootstrap.js')),
    ...require(join(dist, 'bench/phases/service-env.js')),
    ...require(join(dist, 'bench/fixtures/webhooks.js')),
  } as Tree;
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/** Counts every statement run through better-sqlite3 in this thread, by method and by SQL text. */
function countStatements(detail: boolean): { counts: Record<string, number>; bySql: Map<string, number> } {
  const counts: Record<string, number> = {};
  const bySql = new Map<string, number>();
  const probe = new Database(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, (...args: unknown[]) => unknown>;
  probe.close();
  for (const method of ['all', 'get', 'run', 'iterate']) {
    const original = proto[method];
    counts[method] = 0;
    proto[method] = function (this: { source: string }, ...args: unknown[]) {
      counts[method]++;
      if (detail) {
        const sql = `${method} ${this.source.replace(/\s+/g, ' ').slice(0, 90)}`;
        bySql.set(sql, (bySql.get(sql) ?? 0) + 1);
      }
      return original.apply(this, args);
    };
  }
  return { counts, bySql };
}

/** What runs beside the store and the status view: everything (as shipped), nothing (edge), or one of the two. */
const MODES: Record<string, Record<string, string>> = {
  shipped: {},
  edge: { RUN_ETA: 'false', RUN_NOTIFIER: 'false' },
  eta: { RUN_NOTIFIER: 'false' },
  notifier: { RUN_ETA: 'false' },
};

async function main(): Promise<void> {
  const [root, total = '2000', mode = 'shipped', detail, rate] = process.argv.slice(2);
  if (!root || !MODES[mode]) throw new Error('usage: ingest-work <built tree> [webhooks] [shipped|edge|eta|notifier] [detail]');
  const tree = treeAt(root);
  const { counts, bySql } = countStatements(detail === 'detail');
  const overrides: Record<string, string> = { LOG_LEVEL: 'error', ...MODES[mode] };
  const app = await tree.buildApp(tree.serviceEnv(benchTempDir('work'), overrides));
  await app.init();
  const runId = `work-${Date.now().toString(36)}`;
  const post = async (n: number) => {
    const { body } = tree.placedBody(runId, n);
    const res = await app.inject({ method: 'POST', url: '/webhooks/warehouse', payload: body, headers: tree.warehouseHeaders(body) });
    if (res.statusCode !== 202) throw new Error(`webhook ${n}: ${res.statusCode}`);
  };
  const before = { ...counts };
  const sqlBefore = new Map(bySql);
  const cpu = process.cpuUsage();
  if (rate) {
    const sent: Promise<void>[] = [];
    for (let n = 0; n < Number(total); n++) {
      sent.push(post(n));
      await new Promise((r) => setTimeout(r, 1000 / Number(rate)));
    }
    await Promise.all(sent);
  } else {
    for (let n = 0; n < Number(total); n += 32) await Promise.all(Array.from({ length: Math.min(32, Number(total) - n) }, (_, i) => post(n + i)));
  }
  await new Promise((r) => setTimeout(r, 2000)); // the projections' trailing work belongs to these webhooks
  const used = process.cpuUsage(cpu);
  const perWebhook = (k: string) => Math.round(((counts[k] - before[k]) / Number(total)) * 100) / 100;
  console.log(
    JSON.stringify({
      tree: root,
      mode,
      webhooks: Number(total),
      cpu_us_per_webhook: Math.round((used.user + used.system) / Number(total)),
      statements_per_webhook: { all: perWebhook('all'), get: perWebhook('get'), run: perWebhook('run'), iterate: perWebhook('iterate') },
    }),
  );
  if (detail === 'detail') {
    const rows = [...bySql].map(([sql, n]): [string, number] => [sql, (n - (sqlBefore.get(sql) ?? 0)) / Number(total)]).filter(([, n]) => n > 0);
    for (const [sql, n] of rows.sort((a, b) => b[1] - a[1])) console.log(`${n.toFixed(2).padStart(7)}  ${sql}`);
  }
  await app.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
