import { applyServiceV8Flags } from '@ot/config';
import type { RouteOptions } from 'fastify';
import { buildApp } from '../../apps/order-service/src/bootstrap';
import { exitWithParent, signalReady } from '../lib/child';
import { answerLoopRequests } from '../lib/loop-meter';
import { answerProfileRequests } from '../lib/window-profiler';

/**
 * The real order service (apps/order-service `buildApp`) in its own process, configured by the
 * parent through the environment (EVENT_STORE, SQLITE_PATH, READ_MODEL_PATH, secrets, LOG_LEVEL).
 * SIGTERM closes the app, which flushes and closes its stores (and writes a --cpu-prof profile).
 * BENCH_FLOOR_ROUTE=true adds GET /bench/floor/:id on the service's own Fastify instance and hooks: a
 * constant body with the status route's headers, its size set by the parent (`floor-bytes`).
 */
let floorBody = '{}';
const floorRoute: RouteOptions = {
  method: 'GET',
  url: '/bench/floor/:id',
  handler: (_request, reply) => {
    reply.header('etag', '"1"').header('cache-control', 'private, no-cache').header('vary', 'authorization');
    void reply.status(200).header('content-type', 'application/json; charset=utf-8').send(floorBody);
  },
};
process.on('message', (msg: { kind?: string; bytes?: number }) => {
  if (msg.kind !== 'floor-bytes') return;
  floorBody = JSON.stringify({ orderId: 'x', pad: 'p'.repeat(Math.max(0, (msg.bytes ?? 0) - 24)) });
  process.send?.({ kind: 'floor-bytes', result: {} });
});

async function main(): Promise<void> {
  applyServiceV8Flags(); // as the service's main does
  const app = await buildApp(process.env, { routes: process.env.BENCH_FLOOR_ROUTE === 'true' ? [floorRoute] : [] });
  await app.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  exitWithParent(() => app.close());
  answerProfileRequests();
  answerLoopRequests();
  signalReady({ port: address.port });
}

main().catch((error) => {
  console.error('order-service child failed to start', error);
  process.exit(1);
});
