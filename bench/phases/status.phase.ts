import { Agent, request } from 'node:http';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import { seededOrderId, seedOrders } from '../fixtures/seed-orders';
import { customerTokens } from '../fixtures/webhooks';
import { ask, startChild } from '../lib/child';
import { type LoadResult, runLoad } from '../lib/load';
import { benchTempDir } from '../lib/temp-dir';
import { serviceEnv } from './service-env';

export type StatusFigures = {
  bare: LoadResult;
  /**
   * The same bare server loaded with the 200 run's own requests (a random id and its owner's token built per
   * request by the load generator, which then sends fewer per second than with one constant request).
   */
  bareSameRequests: LoadResult;
  floor: LoadResult;
  /** A constant through the service's own Fastify instance and hooks (the layer the status route ran on). */
  serviceFloor: LoadResult;
  service: LoadResult;
  notModified: LoadResult;
  orders: number;
  seedMs: number;
  docBytes: number;
  /** Share of the 200 run's requests that were an order's first read (a cache miss: lookup and render). */
  missShare: number;
  startMs: number;
};

function get(port: number, path: string, headers: Record<string, string>, agent: Agent): Promise<{ status: number; etag?: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, agent }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, etag: res.headers.etag, bytes }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * A reference server in a child that answers any GET with a body as large as a real document, loaded with one
 * constant request, then (`also`) with other requests on the same child.
 */
async function referenceLoad(
  name: string,
  script: string,
  env: Record<string, string>,
  opts: { seconds: number; connections: number },
  authorization: string,
  also?: { name: string; requests: autocannon.Request[] },
): Promise<{ constant: LoadResult; also?: LoadResult }> {
  const server = await startChild(script, env);
  const load = (name: string, requests: autocannon.Request[]) =>
    runLoad({ name, url: `http://127.0.0.1:${server.ready.port}`, seconds: opts.seconds, connections: opts.connections, requests, serverPid: server.proc.pid });
  try {
    const constant = await load(name, [{ method: 'GET', path: '/orders/x', headers: { authorization } }]);
    return { constant, also: also && (await load(also.name, also.requests)) };
  } finally {
    await server.stop();
  }
}

/**
 * Status reads over `orders` seeded orders, random ids, each with its owner's customer token.
 * Baseline: bare node:http answering a constant JSON as large as a real document.
 * Then the 304 path: If-None-Match with the ETag each order really has.
 */
export async function statusPhase(opts: { seconds: number; connections: number; orders: number; profileDir?: string }): Promise<StatusFigures> {
  const dir = benchTempDir('status');
  const eventsPath = join(dir, 'events.db');
  const readModelPath = join(dir, 'read-model.db');
  const seeded = await seedOrders(eventsPath, readModelPath, opts.orders);
  const tokens = customerTokens();
  const pick = () => Math.floor(Math.random() * opts.orders);
  // Orders read before the load (their responses are cached), and the 200 run's requests: a random order with its
  // owner's token, built per request, each counted in `tally` (reads, and first reads of an order not read before).
  let warmed = new Set<number>();
  const randomReads = (tally: { reads: number; firstReads: Set<number> }): autocannon.Request[] => [
    {
      method: 'GET',
      setupRequest: (req) => {
        const n = pick();
        tally.reads++;
        if (!warmed.has(n)) tally.firstReads.add(n);
        return { ...req, path: `/orders/${seededOrderId(n)}`, headers: { authorization: tokens[n % tokens.length] } };
      },
    },
  ];

  // Read path only: with RUN_ETA / RUN_NOTIFIER on, the service would first rebuild the ETA learner and
  // let the notifier catch up over the whole seeded history, and that work would run during the load.
  const startedAt = Date.now();
  const service = await startChild('servers/order-service.server.js', serviceEnv(dir, { RUN_ETA: 'false', RUN_NOTIFIER: 'false', BENCH_FLOOR_ROUTE: 'true' }), {
    timeoutMs: 600_000,
  });
  // With a profile directory, each load window (200s, then 304s) is profiled on its own.
  const profiled = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    if (!opts.profileDir) return work();
    await ask(service.proc, 'profile-start');
    const result = await work();
    await ask(service.proc, 'profile-stop', { path: join(opts.profileDir, `${name}.cpuprofile`) });
    return result;
  };
  const startMs = Date.now() - startedAt;
  let serviceResult: LoadResult;
  let notModified: LoadResult;
  let serviceFloor: LoadResult;
  let docBytes = 0;
  let missShare = 0;
  try {
    const port = service.ready.port;
    const agent = new Agent({ keepAlive: true, maxSockets: 32 });
    // Real ETags for a sample of orders, and the size of a real document for the baseline. Fetching them
    // also warms the service's response cache for these 20,000 orders (it holds ~120k), so the 304 run
    // is all cache hits, while the 200 run's random ids over all orders include first reads (misses).
    const sample = Array.from({ length: Number(process.env.BENCH_ETAG_SAMPLE ?? 20_000) }, pick);
    const etags = new Map<number, string>();
    for (let i = 0; i < sample.length; i += 32) {
      await Promise.all(
        sample.slice(i, i + 32).map(async (n) => {
          const r = await get(port, `/orders/${seededOrderId(n)}`, { authorization: tokens[n % tokens.length] }, agent);
          if (r.status !== 200) throw new Error(`GET /orders/${seededOrderId(n)} answered ${r.status} before the load`);
          docBytes = Math.max(docBytes, r.bytes);
          if (r.etag) etags.set(n, r.etag);
        }),
      );
    }
    agent.destroy();
    // The cache holds every order here, so a miss is exactly a first read of an order not sampled above;
    // their share grows as the rate falls (fewer repeats in the same seconds), and so does CPU per 200.
    warmed = new Set(sample);
    const tally = { reads: 0, firstReads: new Set<number>() };
    serviceResult = await profiled('status-200', () =>
      runLoad({
        name: `status GET 200 (${opts.orders} orders)`,
        url: `http://127.0.0.1:${port}`,
        seconds: opts.seconds,
        connections: opts.connections,
        serverPid: service.proc.pid,
        requests: randomReads(tally),
      }),
    );
    missShare = tally.reads ? tally.firstReads.size / tally.reads : 0;
    const withTags = [...etags.entries()];
    notModified = await profiled('status-304', () =>
      runLoad({
        name: 'status GET 304 (If-None-Match)',
        url: `http://127.0.0.1:${port}`,
        seconds: opts.seconds,
        connections: opts.connections,
        okStatus: (s) => s === 304,
        serverPid: service.proc.pid,
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => {
              const [n, etag] = withTags[Math.floor(Math.random() * withTags.length)] ?? [0, '"none"'];
              return { ...req, path: `/orders/${seededOrderId(n)}`, headers: { authorization: tokens[n % tokens.length], 'if-none-match': etag } };
            },
          },
        ],
      }),
    );
    await ask(service.proc, 'floor-bytes', { bytes: docBytes });
    serviceFloor = await runLoad({
      name: "status floor: the service's Fastify",
      url: `http://127.0.0.1:${port}`,
      seconds: opts.seconds,
      connections: opts.connections,
      serverPid: service.proc.pid,
      requests: [{ method: 'GET', path: '/bench/floor/x', headers: { authorization: tokens[0] } }],
    });
  } finally {
    await service.stop();
  }

  // The generator does the 200 run's bookkeeping too, so it sends requests at the same cost.
  const { constant: bare, also: bareSameRequests } = await referenceLoad(
    'status bare node:http (same size)',
    'servers/bare-http.server.js',
    { BARE_MODE: 'status', BARE_BODY_BYTES: String(docBytes) },
    opts,
    tokens[0],
    {
      name: "status bare node:http, the 200 run's requests",
      requests: randomReads({ reads: 0, firstReads: new Set<number>() }),
    },
  );
  const { constant: floor } = await referenceLoad(
    'status floor: Fastify route, same size',
    'servers/framework-floor.server.js',
    { FLOOR_MODE: 'status', FLOOR_BODY_BYTES: String(docBytes) },
    opts,
    tokens[0],
  );
  return {
    bare,
    bareSameRequests: bareSameRequests!,
    floor,
    serviceFloor,
    service: serviceResult,
    notModified,
    orders: opts.orders,
    seedMs: seeded.ms,
    docBytes,
    startMs,
    missShare,
  };
}
