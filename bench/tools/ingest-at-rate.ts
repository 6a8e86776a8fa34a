import type { ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { cpuByThreadOf, cpuSecondsOf, type ThreadCpu, threadRoles } from '../lib/cpu';
import { benchTempDir } from '../lib/temp-dir';

/**
 * CPU per webhook at a fixed request rate, for before/after comparisons on a loaded machine:
 * at full speed a busier machine means fewer requests per event-loop turn and so more CPU per
 * request, whichever build is measured; at the same rate both builds batch alike.
 *
 *   node dist/bench/tools/ingest-at-rate.js <built tree> [rate=200] [seconds=10] [shipped|edge] [rounds=1] [warm=0]
 *
 * `rate` 0 is full speed (32 connections back to back, as the bench's rows). `INGEST_PROFILE=<file>` also writes a
 * CPU profile of the service's main thread over the measured window (load and settle), for `profile-diff`.
 *
 * `warm` seconds of the same load first, not counted: without it a fresh process's JIT compiling (on V8's helper
 * threads) is part of the figure. `threads` splits the same CPU by thread role (the main thread, worker threads: the SQLite writer, and
 * the rest: V8's GC and compiler helpers, libuv's pool), user and system, in us per webhook.
 *
 * The tree is any built checkout (`npm run build`), e.g. a worktree of an older commit: its own
 * bench server, service environment and fixtures are used, so each build runs its own code.
 */
type Tree = {
  startChild: (script: string, env: Record<string, string>) => Promise<{ proc: ChildProcess; ready: { port: number }; stop(): Promise<void> }>;
  ask: (proc: ChildProcess, kind: string, payload?: unknown) => Promise<unknown>;
  serviceEnv: (dir: string, overrides?: Record<string, string>) => Record<string, string>;
  placedBody: (runId: string, n: number) => { body: string };
  warehouseHeaders: (body: string) => Record<string, string>;
};

function treeAt(root: string): Tree {
  const dist = join(resolve(root), 'dist/bench');
  /* eslint-disable @typescript-eslint/no-require-imports -- the tree to measure is chosen at run time */
  return {
    ...require(join(dist, 'lib/child.js')),
    ...require(join(dist, 'phases/service-env.js')),
    ...require(join(dist, 'fixtures/webhooks.js')),
  } as Tree;
  /* eslint-enable @typescript-eslint/no-require-imports */
}

type Split = Record<'main' | 'worker' | 'other', { user: number; system: number }>;

/** CPU each thread role used between two thread lists, in us per webhook (a thread is ticks, 100 a second). */
function splitByRole(pid: number, before: readonly ThreadCpu[], after: readonly ThreadCpu[], ok: number): Split {
  const roles = threadRoles(pid, after);
  const split: Split = { main: { user: 0, system: 0 }, worker: { user: 0, system: 0 }, other: { user: 0, system: 0 } };
  const at = new Map(before.map((t) => [t.tid, t]));
  for (const t of after) {
    const role = split[roles.get(t.tid)!];
    role.user += t.user - (at.get(t.tid)?.user ?? 0);
    role.system += t.system - (at.get(t.tid)?.system ?? 0);
  }
  const perWebhook = (ticks: number) => Math.round((ticks * 1e4) / ok);
  for (const role of Object.values(split)) Object.assign(role, { user: perWebhook(role.user), system: perWebhook(role.system) });
  return split;
}

async function once(
  tree: Tree,
  rate: number,
  seconds: number,
  edgeOnly: boolean,
  warm: number,
): Promise<{ ok: number; cpuUs: number; p99: number; threads: Split }> {
  const overrides: Record<string, string> = edgeOnly ? { RUN_ETA: 'false', RUN_NOTIFIER: 'false' } : {};
  const child = await tree.startChild('servers/order-service.server.js', tree.serviceEnv(benchTempDir('rate'), overrides));
  try {
    const runId = `rate-${Date.now().toString(36)}`;
    let n = 0;
    let ok = 0;
    const request = {
      method: 'POST' as const,
      path: '/webhooks/warehouse',
      setupRequest: (req: object) => {
        const { body } = tree.placedBody(runId, n++);
        return { ...req, body, headers: tree.warehouseHeaders(body) };
      },
      onResponse: (status: number) => void (status < 300 && ok++),
    };
    const url = `http://127.0.0.1:${child.ready.port}`;
    // overallRate is an autocannon option its type definitions lack
    const paced = rate > 0 ? { overallRate: rate } : {};
    const load = (duration: number) => autocannon({ url, duration, connections: 32, ...paced, requests: [request] } as autocannon.Options);
    const profile = process.env.INGEST_PROFILE;
    if (warm > 0) await load(warm).then(() => new Promise((r) => setTimeout(r, 1000)));
    ok = 0;
    const pid = child.proc.pid!;
    const before = cpuSecondsOf(pid)!;
    const threadsBefore = cpuByThreadOf(pid);
    if (profile) await tree.ask(child.proc, 'profile-start');
    const result = await load(seconds);
    await new Promise((r) => setTimeout(r, 2000)); // the projections' trailing work belongs to these requests
    const cpu = cpuSecondsOf(pid)! - before;
    const threads = splitByRole(pid, threadsBefore, cpuByThreadOf(pid), ok);
    if (profile) await tree.ask(child.proc, 'profile-stop', { path: resolve(profile) }); // after the counts: writing it is not a webhook's
    return { ok, cpuUs: Math.round((cpu * 1e6) / ok), p99: result.latency.p99, threads };
  } finally {
    await child.stop();
  }
}

async function main(): Promise<void> {
  const [root, rate = '200', seconds = '10', mode = 'shipped', rounds = '1', warm = '0'] = process.argv.slice(2);
  if (!root) throw new Error('usage: ingest-at-rate <built tree> [rate] [seconds] [shipped|edge] [rounds] [warm]');
  const tree = treeAt(root);
  for (let i = 0; i < Number(rounds); i++) {
    const r = await once(tree, Number(rate), Number(seconds), mode === 'edge', Number(warm));
    console.log(JSON.stringify({ tree: root, mode, rate: Number(rate), warm: Number(warm), ...r }));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
