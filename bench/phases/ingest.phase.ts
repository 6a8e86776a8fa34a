import { join } from 'node:path';
import { placedBody, warehouseHeaders } from '../fixtures/webhooks';
import { ask, type Child, startChild } from '../lib/child';
import { type LoadOptions, type LoadResult, runLoad } from '../lib/load';
import type { LoopFigures } from '../lib/loop-meter';
import { percentile } from '../lib/stats';
import { benchTempDir } from '../lib/temp-dir';
import { serviceEnv } from './service-env';

export type IngestFigures = {
  bare: LoadResult;
  floor: LoadResult;
  service: LoadResult;
  edgeOnly: LoadResult;
  /** The service child's main thread over each load window: as shipped, and store + status only. */
  serviceLoop: LoopFigures;
  edgeLoop: LoopFigures;
  lagP50: number;
  lagP99: number;
  lagSamples: number;
  lagMisses: number;
};

/** Every request a new order: fresh body, fresh timestamp, fresh HMAC (autocannon's setupRequest runs per request). */
function signedPlacements(runId: string) {
  let n = 0;
  return [
    {
      method: 'POST',
      path: '/webhooks/warehouse',
      setupRequest: (req: object) => {
        const { body } = placedBody(runId, n++);
        return { ...req, body, headers: warehouseHeaders(body) };
      },
    },
  ];
}

type Server = { script: string; env: Record<string, string> };

/**
 * Ingest: the same signed webhook stream against (1) a bare node:http server that reads and parses the
 * body and answers 202, (2) the NestJS floor (parse and 202, nothing else), (3) the order service as
 * shipped on the embedded SQLite store, where a 2xx means the event is appended and fsynced, then a run of
 * its own with a lag prober beside it, and (4) the same service without the ETA and notifier in its process.
 */
export async function ingestPhase(opts: { seconds: number; connections: number; profileDir?: string }): Promise<IngestFigures> {
  const runId = `ing-${Date.now().toString(36)}`;
  const loadOptions = (child: Child, tag: string, name: string, settleMs = 0): LoadOptions => ({
    name,
    url: `http://127.0.0.1:${child.ready.port}`,
    seconds: opts.seconds,
    connections: opts.connections,
    requests: signedPlacements(`${runId}-${tag}`),
    serverPid: child.proc.pid,
    settleMs,
  });
  const load = (server: Server, tag: string, name: string) => measure(server, undefined, opts.profileDir, (child) => runLoad(loadOptions(child, tag, name)));

  const bare = await load({ script: 'servers/bare-http.server.js', env: { BARE_MODE: 'ingest' } }, 'bare', 'ingest bare node:http');
  const floor = await load({ script: 'servers/framework-floor.server.js', env: { FLOOR_MODE: 'ingest' } }, 'floor', 'ingest floor: NestJS+Fastify, parse, 202');
  // The embedded service as shipped: ETA projection, delay reactor, relay and notifier run in the same process.
  const [service, serviceLoop] = await measure(orderService(), 'ingest-service', opts.profileDir, (child) =>
    loadWithLoop(child, { ...loadOptions(child, 'service', 'ingest order-service (sqlite)', 2000), requests: signedPlacements(runId) }),
  );
  // The projection lag under the same load, in a run of its own: the prober's webhooks and its GET polls
  // would otherwise be charged to the row above, whose CPU per webhook is compared with the floor.
  const lag = await measure(orderService(), undefined, undefined, async (child) => {
    const prober = await startChild('servers/lag-prober.js', { LAG_PORT: String(child.ready.port), LAG_RATE: process.env.BENCH_LAG_RATE ?? '50' });
    try {
      await runLoad(loadOptions(child, 'lag', 'ingest order-service, lag prober beside'));
      return await ask<{ lags: number[]; misses: number }>(prober.proc, 'stop');
    } finally {
      await prober.stop();
    }
  });
  // Side by side: what the edge and the store cost without the ETA and notifier sharing the process.
  const [edgeOnly, edgeLoop] = await measure(orderService({ RUN_ETA: 'false', RUN_NOTIFIER: 'false' }), 'ingest-edge', opts.profileDir, (child) =>
    loadWithLoop(child, loadOptions(child, 'edge', 'ingest, store + status only (no ETA, notifier)', 2000)),
  );
  return {
    bare,
    floor,
    service,
    edgeOnly,
    serviceLoop,
    edgeLoop,
    lagP50: percentile(lag.lags, 50),
    lagP99: percentile(lag.lags, 99),
    lagSamples: lag.lags.length,
    lagMisses: lag.misses,
  };
}

/** A load against a service child, its event loop measured over the load window (not the settle time after it). */
async function loadWithLoop(child: Child, options: LoadOptions): Promise<[LoadResult, LoopFigures]> {
  await ask(child.proc, 'loop-start');
  let loop: LoopFigures | undefined;
  const result = await runLoad({ ...options, onLoadEnd: async () => void (loop = await ask<LoopFigures>(child.proc, 'loop-stop')) });
  return [result, loop!];
}

/** The order-service child, its files in a fresh temp directory. */
const orderService = (overrides: Record<string, string> = {}): Server => ({
  script: 'servers/order-service.server.js',
  env: serviceEnv(benchTempDir('ingest'), overrides),
});

/**
 * Starts a server child, runs `work` against it and stops it. With a profile name and directory the
 * child profiles exactly that window (load and settle time) into <dir>/<name>.cpuprofile.
 */
async function measure<T>(server: Server, profile: string | undefined, profileDir: string | undefined, work: (child: Child) => Promise<T>): Promise<T> {
  const child = await startChild(server.script, server.env);
  try {
    if (!profile || !profileDir) return await work(child);
    await ask(child.proc, 'profile-start');
    const result = await work(child);
    await ask(child.proc, 'profile-stop', { path: join(profileDir, `${profile}.cpuprofile`) });
    return result;
  } finally {
    await child.stop();
  }
}
