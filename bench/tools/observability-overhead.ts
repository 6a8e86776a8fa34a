import Fastify, { type FastifyInstance } from 'fastify';
import { createRootLogger, OpsMetrics, registerRequestLogHooks, requestIdOf } from '@ot/observability';
import { countWebhooks } from '../../apps/order-service/src/ops/webhook-outcome.observer';
import { median } from '../lib/stats';

/**
 * What the request-id and log hook (and the webhook counter riding on it) add to each request, at the
 * bench's log level (warn): the same constant GET answered by a bare Fastify route and by one with the
 * service's genReqId and hook, interleaved rounds of `app.inject` (median of 9), CPU time of this
 * process per request. `inject` itself costs tens of us, so only the difference means anything.
 *   node -r ./scripts/swc-register.js bench/tools/observability-overhead.ts [requests per round]
 */
const ROUNDS = 9;
const body = JSON.stringify({ orderId: 'o-1', status: 'InTransit', timeline: Array.from({ length: 8 }, (_, i) => ({ type: 'InTransit', at: i })) });

function server(instrumented: boolean): FastifyInstance {
  const fastify = Fastify(instrumented ? { genReqId: requestIdOf } : {});
  if (instrumented) registerRequestLogHooks(fastify, createRootLogger({ service: 'bench', level: 'warn' }), countWebhooks(new OpsMetrics()));
  fastify.get('/orders/:id', (_request, reply) => void reply.header('content-type', 'application/json').send(body));
  return fastify;
}

async function cpuPerRequestUs(fastify: FastifyInstance, requests: number): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < requests; i++) await fastify.inject({ method: 'GET', url: `/orders/o-${i}` });
  const used = process.cpuUsage(start);
  return (used.user + used.system) / requests;
}

async function main(): Promise<void> {
  const requests = Number(process.argv[2] ?? 20_000);
  const [bare, hooked] = [server(false), server(true)];
  await Promise.all([bare.ready(), hooked.ready()]);
  await cpuPerRequestUs(bare, 2000); // warm both up
  await cpuPerRequestUs(hooked, 2000);
  const rounds: { bare: number; hooked: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which goes first, so warm-up, GC debt and a neighbour's burst fall on both alike.
    if (round % 2) {
      const hookedUs = await cpuPerRequestUs(hooked, requests);
      rounds.push({ bare: await cpuPerRequestUs(bare, requests), hooked: hookedUs });
    } else rounds.push({ bare: await cpuPerRequestUs(bare, requests), hooked: await cpuPerRequestUs(hooked, requests) });
  }
  const [b, h] = [median(rounds.map((r) => r.bare)), median(rounds.map((r) => r.hooked))];
  console.log(
    JSON.stringify({ requests_per_round: requests, rounds: ROUNDS, bare_us: +b.toFixed(2), hooked_us: +h.toFixed(2), added_us: +(h - b).toFixed(2) }),
  );
}

void main();
