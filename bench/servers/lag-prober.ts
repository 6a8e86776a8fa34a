import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { bearer, customerOf, placedBody, warehouseHeaders } from '../fixtures/webhooks';
import { exitWithParent, signalReady } from '../lib/child';

/**
 * Projection-lag probe, in its own process so its timings do not wait behind the load generator.
 * While the ingest load runs, it places its own orders (LAG_RATE per second), and for each one
 * measures from the 2xx of the webhook (the append is durable) to the first 200 of
 * GET /orders/:id, polling back to back. The figure is an upper bound: it includes one GET round trip.
 */
const port = Number(process.env.LAG_PORT);
const rate = Number(process.env.LAG_RATE ?? 50);
const runId = `lag-${process.pid}-${Date.now().toString(36)}`;
const agent = new Agent({ keepAlive: true, maxSockets: 4 });
const lags: number[] = [];
let misses = 0;
let stopped = false;

type Reply = { status: number };
function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end(body);
  });
}

async function probe(n: number): Promise<void> {
  const { orderId, body } = placedBody(runId, n);
  const auth = { authorization: bearer(customerOf(n)) };
  const posted = await send('POST', '/webhooks/warehouse', warehouseHeaders(body), body);
  if (posted.status < 200 || posted.status >= 300) {
    misses++;
    return;
  }
  const acked = performance.now();
  for (const deadline = acked + 5000; performance.now() < deadline && !stopped;) {
    const got = await send('GET', `/orders/${encodeURIComponent(orderId)}`, auth);
    if (got.status === 200) {
      lags.push(performance.now() - acked);
      return;
    }
  }
  misses++; // not visible within 5 s (or stopped first)
}

async function loop(): Promise<void> {
  for (let n = 0; !stopped; n++) {
    const started = performance.now();
    await probe(n).catch(() => void misses++);
    const wait = 1000 / rate - (performance.now() - started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
}

process.on('message', (msg: { kind?: string }) => {
  if (msg.kind !== 'stop') return;
  stopped = true;
  process.send?.({ kind: 'stop', result: { lags, misses } });
});
exitWithParent();
signalReady({ port: 0 });
void loop();
