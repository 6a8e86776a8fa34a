import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stopChild } from '../lib/child';
import { cpuSecondsOf } from '../lib/cpu';
import { serviceEnv } from '../phases/service-env';

/**
 * The Olist file replayed through the batch webhook endpoint, end to end, against a fresh service of
 * any built tree (its own `dist/apps/order-service/src/main.js` and `dist/scripts/replay.js`), with
 * the bench's service environment: every file in a new temp directory, LOG_LEVEL=warn, CLOCK from --clock. Then
 * `/health/ready` is polled until every log follower (status, ETA, relay: the notifier is fed by the
 * relay) has a lag of 0, twice in a row. Prints one JSON line:
 *   acked_s       the replay command's wall time (every item has its answer, so every event is durable)
 *   caught_up_s   from the replay's start until the followers have nothing left
 *   service_cpu_s the service's CPU (every thread, /proc/<pid>/stat) over that same span
 *   cpu_us_per_event  service_cpu_s per partner event sent
 *
 *   node dist/bench/tools/replay-end-to-end.js <built tree> [--port 4150] [--data ../shared/data/olist-orders.csv]
 *     [--batch 500] [--concurrency 4] [--limit N] [--clock system|event-time] [--set KEY=VALUE]... [--cpu-prof <dir>]
 * --batch 0: one webhook per request (the replay without --batch).
 * --clock: the service's CLOCK (default system); event-time is what the README's replay runs.
 * --set: any other setting of the service's configuration (e.g. ETA_TICK_MS=86400000), repeatable.
 * --cpu-prof: the service writes a V8 CPU profile of its whole life there (bench/tools/profile-summary).
 */
type Args = {
  tree: string;
  port: number;
  data: string;
  batch: number;
  concurrency: number;
  limit?: number;
  clock: string;
  settings: Record<string, string>;
  cpuProf?: string;
};

function parseArgs(argv: string[]): Args {
  const [tree, ...rest] = argv;
  if (!tree || tree.startsWith('--'))
    throw new Error(
      'usage: replay-end-to-end <built tree> [--port N] [--data csv] [--batch N] [--concurrency N] [--limit N] [--clock system|event-time] [--set KEY=VALUE]... [--cpu-prof <dir>]',
    );
  const value = (name: string): string | undefined => {
    const i = rest.indexOf(`--${name}`);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  return {
    tree: resolve(tree),
    port: Number(value('port') ?? 4150),
    data: resolve(value('data') ?? '../shared/data/olist-orders.csv'),
    batch: Number(value('batch') ?? 500),
    concurrency: Number(value('concurrency') ?? 4),
    limit: value('limit') === undefined ? undefined : Number(value('limit')),
    clock: value('clock') ?? 'system',
    settings: Object.fromEntries(rest.flatMap((a, i) => (rest[i - 1] === '--set' ? [a.split(/=([\s\S]*)/).slice(0, 2)] : []))),
    cpuProf: value('cpu-prof') === undefined ? undefined : resolve(value('cpu-prof')!),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function getJson(url: string): Promise<{ status: number; body: unknown } | undefined> {
  try {
    const res = await fetch(url);
    return { status: res.status, body: await res.json() };
  } catch {
    return undefined; // not listening yet
  }
}

async function waitLive(base: string, service: ChildProcess, timeoutMs = 120_000): Promise<void> {
  for (const until = Date.now() + timeoutMs; Date.now() < until; await sleep(200)) {
    if (service.exitCode !== null) throw new Error(`the service exited with ${service.exitCode}`);
    if ((await getJson(`${base}/health/live`))?.status === 200) return;
  }
  throw new Error(`the service did not answer /health/live in ${timeoutMs} ms`);
}

type Ready = { details?: { projections?: { lagMs?: Record<string, number> }; 'read-models'?: { statusCheckpoint?: number } } };

/**
 * Polls readiness until every follower's lag is 0 on two polls in a row with the log's length unchanged
 * (a reactor may still append a conclusion just after one such poll); the log's length then.
 */
async function waitCaughtUp(base: string, timeoutMs = 900_000): Promise<{ logEvents?: number }> {
  let last: number | undefined;
  for (const until = Date.now() + timeoutMs; Date.now() < until; await sleep(200)) {
    const ready = (await getJson(`${base}/health/ready`))?.body as Ready | undefined;
    const lags = ready?.details?.projections?.lagMs;
    const logEvents = ready?.details?.['read-models']?.statusCheckpoint;
    if (!lags || !Object.values(lags).every((lag) => lag === 0)) last = undefined;
    else if (last !== undefined && last === logEvents) return { logEvents };
    else last = logEvents;
  }
  throw new Error(`the followers did not catch up in ${timeoutMs} ms`);
}

/** Runs the tree's replay script; its last stdout line is its JSON summary. */
function runReplay(args: Args, base: string, env: Record<string, string>): Promise<Record<string, unknown>> {
  const argv = [join(args.tree, 'dist/scripts/replay.js'), '--data', args.data, '--as-fast-as-possible', '--url', base];
  if (args.batch > 0) argv.push('--batch', String(args.batch)); // 0: one webhook per request
  argv.push('--concurrency', String(args.concurrency));
  if (args.limit !== undefined) argv.push('--limit', String(args.limit));
  const replay = spawn(process.execPath, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  replay.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  replay.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((done, fail) =>
    replay.once('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return fail(new Error(`replay exited with ${code}: ${err.slice(-2000)}${last}`));
      done(JSON.parse(last) as Record<string, unknown>);
    }),
  );
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dir = mkdtempSync(join(tmpdir(), 'ot-replay-e2e-'));
  // the bench's service environment (every file in `dir`, bench secrets, quiet logs), on this port and clock
  const env = serviceEnv(dir, { PORT: String(args.port), CLOCK: args.clock, ...args.settings });
  const base = `http://127.0.0.1:${args.port}`;
  const profile = args.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${args.cpuProf}`] : [];
  const main = join(args.tree, 'dist/apps/order-service/src/main.js');
  const service = spawn(process.execPath, [...profile, main], { env, cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] });
  try {
    await waitLive(base, service);
    const loadStart = loadavg()[0];
    const cpuStart = cpuSecondsOf(service.pid!)!;
    const started = Date.now();
    const summary = await runReplay(args, base, env);
    const acked = (Date.now() - started) / 1000;
    const { logEvents } = await waitCaughtUp(base);
    const caughtUp = (Date.now() - started) / 1000;
    const cpu = cpuSecondsOf(service.pid!)! - cpuStart;
    const events = Number(summary.events_sent);
    console.log(
      JSON.stringify({
        tree: args.tree,
        clock: args.clock,
        ...(Object.keys(args.settings).length > 0 && { settings: args.settings }),
        orders: summary.orders,
        events_sent: events,
        by_status: summary.by_status,
        log_events: logEvents,
        acked_s: Math.round(acked * 10) / 10,
        caught_up_s: Math.round(caughtUp * 10) / 10,
        service_cpu_s: Math.round(cpu * 10) / 10,
        cpu_us_per_event: Math.round((cpu * 1e6) / events),
        ...(summary.client_cpu_s === undefined ? {} : { client_cpu_s: summary.client_cpu_s }),
        load_start: Math.round(loadStart * 100) / 100,
        load_end: Math.round(loadavg()[0] * 100) / 100,
      }),
    );
  } finally {
    await stopChild(service);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
