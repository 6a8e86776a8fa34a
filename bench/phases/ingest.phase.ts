import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { placedBody, warehouseHeaders } from '../fixtures/webhooks';
import { ask, type Child, startChild } from '../lib/child';
import { type LoadResult, runLoad } from '../lib/load';
import { percentile } from '../lib/stats';
import { serviceEnv } from './service-env';

export type IngestFigures = { bare: LoadResult; floor: LoadResult; service: LoadResult; edgeOnly: LoadResult; lagP50: number; lagP99: number; lagSamples: number; lagMisses: number };

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

/**
 * Ingest: the same signed webhook stream against (1) a bare node:http server that reads and parses the
 * body and answers 202, and (2) the order service on the embedded SQLite store, where a 2xx means the
 * event is appended and fsynced. A lag prober runs beside (2).
 */
export async function ingestPhase(opts: { seconds: number; connections: number; profileDir?: string }): Promise<IngestFigures> {
  const runId = `ing-${Date.now().toString(36)}`;

  const bare = await startChild('servers/bare-http.server.js', { BARE_MODE: 'ingest' });
  const bareResult = await runLoad({ name: 'ingest bare node:http', url: `http://127.0.0.1:${bare.ready.port}`, seconds: opts.seconds, connections: opts.connections, requests: signedPlacements(`${runId}-bare`), serverPid: bare.proc.pid });
  await bare.stop();

  const floorServer = await startChild('servers/framework-floor.server.js', { FLOOR_MODE: 'ingest' });
  const floor = await runLoad({ name: 'ingest floor: NestJS+Fastify, parse, 202', url: `http://127.0.0.1:${floorServer.ready.port}`, seconds: opts.seconds, connections: opts.connections, requests: signedPlacements(`${runId}-floor`), serverPid: floorServer.proc.pid });
  await floorServer.stop();

  const dir = mkdtempSync(join(tmpdir(), 'ot-bench-ingest-'));
  // The embedded service as shipped: ETA projection, delay reactor, relay and notifier run in the same process.
  const service = await startChild('servers/order-service.server.js', serviceEnv(dir));
  try {
    const prober = await startChild('servers/lag-prober.js', { LAG_PORT: String(service.ready.port), LAG_RATE: process.env.BENCH_LAG_RATE ?? '50' });
    const serviceResult = await profiled(service, opts.profileDir, 'ingest-service', () =>
      runLoad({ name: 'ingest order-service (sqlite)', url: `http://127.0.0.1:${service.ready.port}`, seconds: opts.seconds, connections: opts.connections, requests: signedPlacements(runId), serverPid: service.proc.pid, settleMs: 2000 }),
    );
    const { lags, misses } = await ask<{ lags: number[]; misses: number }>(prober.proc, 'stop');
    await prober.stop();
    await service.stop();
    const edgeOnly = await ingestWithout(opts, `${runId}-edge`);
    return { bare: bareResult, floor, service: serviceResult, edgeOnly, lagP50: percentile(lags, 50), lagP99: percentile(lags, 99), lagSamples: lags.length, lagMisses: misses };
  } finally {
    await service.stop();
  }
}

/**
 * The same load on a service that only stores and projects status (RUN_ETA=false, RUN_NOTIFIER=false),
 * side by side: what the edge and the store cost without the ETA and notifier sharing the process.
 */
async function ingestWithout(opts: { seconds: number; connections: number; profileDir?: string }, runId: string): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ot-bench-ingest-edge-'));
  const service = await startChild('servers/order-service.server.js', serviceEnv(dir, { RUN_ETA: 'false', RUN_NOTIFIER: 'false' }));
  try {
    const name = 'ingest, store + status only (no ETA, notifier)';
    return await profiled(service, opts.profileDir, 'ingest-edge', () =>
      runLoad({ name, url: `http://127.0.0.1:${service.ready.port}`, seconds: opts.seconds, connections: opts.connections, requests: signedPlacements(runId), serverPid: service.proc.pid, settleMs: 2000 }),
    );
  } finally {
    await service.stop();
  }
}

/** With a profile directory, the child profiles exactly the load window (and the settle time after it) into <dir>/<name>.cpuprofile. */
async function profiled<T>(child: Child, profileDir: string | undefined, name: string, load: () => Promise<T>): Promise<T> {
  if (!profileDir) return load();
  await ask(child.proc, 'profile-start');
  const result = await load();
  await ask(child.proc, 'profile-stop', { path: join(profileDir, `${name}.cpuprofile`) });
  return result;
}
