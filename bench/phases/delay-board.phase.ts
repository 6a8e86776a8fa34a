import { join } from 'node:path';
import { DelayBoardProjection, type RecordedEvent } from '@ot/application';
import type { OrderEvent } from '@ot/domain';
import { SqliteStatusAndBoardStore } from '@ot/read-model';
import { bearer } from '../fixtures/webhooks';
import { startChild } from '../lib/child';
import { type LoadResult, runLoad } from '../lib/load';
import { benchTempDir } from '../lib/temp-dir';
import { serviceEnv } from './service-env';

export type DelayBoardFigures = { load: LoadResult; orders: number; seedMs: number; connections: number; delayed: number };

const STATES = ['SP', 'RJ', 'MG', 'RS', 'PR', 'SC', 'BA', 'PE', 'CE', 'GO'];
const SEED_BATCH = 5_000;

/** A fixed pseudo-random fraction per order and purpose (a hash), so lanes and delays do not line up with each other. */
function fraction(n: number, salt: number): number {
  let x = Math.imul(n ^ Math.imul(salt, 0x9e3779b9), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return ((x ^ (x >>> 16)) >>> 0) / 2 ** 32;
}

/** One open order's events, as the store would record them: placed, handed over for most, an alert or a broken promise for some. */
function orderEvents(n: number, position: number): RecordedEvent[] {
  const orderId = `board-${n}`;
  const day = 1 + (n % 28);
  const at = `2026-01-${String(day).padStart(2, '0')}T12:00:00.000Z`;
  const events: OrderEvent[] = [
    {
      type: 'OrderPlaced',
      data: {
        orderId,
        partner: 'warehouse',
        partnerEventId: `${orderId}-p`,
        occurredAt: at,
        customerId: `c${n % 1000}`,
        promisedBy: '2026-02-15',
        origin: { state: STATES[Math.floor(fraction(n, 1) * 3)], city: 'origin' },
        destination: { state: STATES[Math.floor(fraction(n, 2) * STATES.length)], city: 'dest' },
      },
    },
  ];
  if (fraction(n, 3) < 0.7)
    events.push({
      type: 'HandedToCarrier',
      data: { orderId, partner: 'courier', partnerEventId: `${orderId}-h`, occurredAt: at.replace('T12', 'T18'), carrier: `carrier-${n % 4}` },
    });
  if (fraction(n, 4) < 0.1)
    events.push({
      type: 'DelayPredicted',
      data: { orderId, reason: 'eta-beyond-promise', newExpected: '2026-02-18', promisedBy: '2026-02-15', detectedAt: at },
    });
  if (fraction(n, 5) < 0.03) events.push({ type: 'PromiseBroken', data: { orderId, promisedBy: '2026-02-15', detectedAt: '2026-02-16T03:00:00.000Z' } });
  return events.map((e, i) => ({ ...e, streamId: `order-${orderId}`, streamVersion: i + 1, globalPosition: position + i, recordedAt: at }));
}

/**
 * Writes the board through its projection (its fold as it ships), without an event log, into the status
 * view's file where the service keeps it: the service then serves it.
 */
export async function seedBoard(readModelPath: string, orders: number): Promise<{ ms: number; delayed: number }> {
  const started = Date.now();
  const file = new SqliteStatusAndBoardStore({ path: readModelPath });
  const store = file.board;
  const projection = new DelayBoardProjection(store);
  let position = 1;
  for (let from = 0; from < orders; from += SEED_BATCH) {
    const batch: RecordedEvent[] = [];
    for (let n = from; n < Math.min(orders, from + SEED_BATCH); n++) {
      const events = orderEvents(n, position);
      position += events.length;
      batch.push(...events);
    }
    await projection.apply(batch);
  }
  const overview = await store.overview('2026-01-31');
  await file.close();
  return { ms: Date.now() - started, delayed: overview.atRisk + overview.late };
}

/**
 * The ops list over `orders` open orders: GET /ops/api/orders filtered by delay state and a random
 * route (the at-risk list of one lane), one page of 50 with its total and ageing buckets, through
 * the whole service. Few connections: a handful of ops pages, not a crowd of mobile clients.
 */
export async function delayBoardPhase(opts: { seconds: number; connections: number; orders: number }): Promise<DelayBoardFigures> {
  const dir = benchTempDir('board');
  const seeded = await seedBoard(join(dir, 'read-model.db'), opts.orders);
  const service = await startChild('servers/order-service.server.js', serviceEnv(dir, { RUN_ETA: 'false', RUN_NOTIFIER: 'false' }), { timeoutMs: 600_000 });
  const authorization = bearer('bench-ops', 'ops');
  try {
    const load = await runLoad({
      name: `ops list: filtered page over ${opts.orders} open orders`,
      url: `http://127.0.0.1:${service.ready.port}`,
      seconds: opts.seconds,
      connections: opts.connections,
      serverPid: service.proc.pid,
      requests: [
        {
          method: 'GET',
          setupRequest: (req) => ({
            ...req,
            path: `/ops/api/orders?delayState=at-risk,late&originState=${STATES[Math.floor(Math.random() * 3)]}&destinationState=${STATES[Math.floor(Math.random() * STATES.length)]}&sort=promisedBy&limit=50`,
            headers: { authorization },
          }),
        },
      ],
    });
    return { load, orders: opts.orders, seedMs: seeded.ms, connections: opts.connections, delayed: seeded.delayed };
  } finally {
    await service.stop();
  }
}
