import { refuseArguments } from '@ot/config';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer } from '../fixtures/webhooks';
import { percentile, round } from '../lib/stats';
import { auditPushes, consumerLag, sentPushes } from './scale-audit';
import { type ClusterShape, ScaleCluster } from './scale-cluster';
import { customerOf, driveOrders, putPreferences } from './order-traffic';

/**
 * `npm run bench:scale`: the whole chain (signed webhook -> replica -> PostgreSQL -> relay -> Kafka
 * -> notifier group -> push in the outbox file) with 1 replica + 1 notifier, then 2 + 2, on the
 * same machine, and the notifier group's consumer lag sampled while it runs. Needs DATABASE_URL
 * and KAFKA_BROKERS (a broker you started: `npm run kafka:start`, or scripts/kafka/start.sh with
 * another KAFKA_BROKER_PORT). Nothing is killed here; test/scale does that.
 */
const ORDERS = Number(process.env.SCALE_ORDERS) || 1000;
const CUSTOMERS = 100;
const CONCURRENCY = Number(process.env.SCALE_CONCURRENCY) || 32;

/** Every how many orders the bench asks the other replica how soon it shows the order out for delivery. */
const VISIBLE_SAMPLE_EVERY = 10;

type Figures = {
  shape: string;
  webhooksPerS: number;
  chainEventsPerS: number;
  otherReplicaP50Ms?: number;
  otherReplicaP99Ms?: number;
  pushP50Ms: number;
  pushP99Ms: number;
  maxLag: number;
  lagAfterDrive: number;
};

/** Polls GET /orders/:id on a replica until it shows the order out for delivery; resolves with the wait. */
async function visibleAfter(base: string, orderId: string, since: number): Promise<number> {
  const headers = { authorization: bearer('ops-bench', 'ops') };
  for (let i = 0; i < 3000; i++) {
    const res = await fetch(`${base}/orders/${orderId}`, { headers });
    const body = res.ok ? ((await res.json()) as { status?: string }) : (await res.text(), {});
    if (body.status === 'OutForDelivery') return Date.now() - since;
    await new Promise((r) => setTimeout(r, 10));
  }
  return Number.NaN;
}

async function measure(shape: ClusterShape, databaseUrl: string, brokers: string): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'ot-scale-bench-'));
  const cluster = await ScaleCluster.create(dir, databaseUrl, brokers);
  try {
    await cluster.start(shape);
    const run = `b${Date.now().toString(36)}`;
    await putPreferences(
      cluster.of('notifier')[0].base,
      Array.from({ length: CUSTOMERS }, (_, i) => customerOf(run, i, CUSTOMERS)),
    );
    const orderIds = Array.from({ length: ORDERS }, (_, i) => `${run}-${i}`);
    const lags: number[] = [];
    const firstSeen = new Map<string, number>(); // order id -> when its push was first in an outbox file
    let sampling = true;
    const sample = async () => {
      for (const s of sentPushes(cluster.outboxDir)) if (!firstSeen.has(s.notificationId)) firstSeen.set(s.notificationId, Date.now());
      lags.push(await consumerLag(brokers, cluster.groupId, cluster.topic).catch(() => 0));
    };
    const sampler = (async () => {
      while (sampling) {
        await sample();
        await new Promise((r) => setTimeout(r, 250));
      }
    })();

    const started = Date.now();
    const visible: Promise<number>[] = [];
    const replicas = cluster.of('api').map((m) => m.base);
    const traffic = await driveOrders(() => replicas, run, {
      orders: ORDERS,
      customers: CUSTOMERS,
      concurrency: CONCURRENCY,
      onAck: (ack, base) => {
        const other = replicas.find((b) => b !== base);
        if (other && ack.type === 'OutForDelivery' && Number(ack.orderId.split('-').pop()) % VISIBLE_SAMPLE_EVERY === 0) {
          visible.push(visibleAfter(other, ack.orderId, ack.ackedAt));
        }
      },
    });
    const seenElsewhere = await Promise.all(visible);
    const drivenMs = Date.now() - started;
    const lagAfterDrive = await consumerLag(brokers, cluster.groupId, cluster.topic);
    const deadline = Date.now() + 180_000;
    while (firstSeen.size < ORDERS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    sampling = false;
    await sampler;

    const pushes = auditPushes(sentPushes(cluster.outboxDir), orderIds);
    if (pushes.lost || pushes.duplicates) throw new Error(`pushes: ${JSON.stringify(pushes)}`);
    const lastPush = Math.max(...firstSeen.values());
    const outForDelivery = new Map(traffic.acks.filter((a) => a.type === 'OutForDelivery').map((a) => [a.orderId, a.ackedAt]));
    const latencies = [...firstSeen].map(([id, seen]) => seen - outForDelivery.get(id.split(':')[0])!);
    return {
      shape: `${shape.replicas} replica(s), projector(s), notifier(s)`,
      webhooksPerS: round((traffic.acks.length / drivenMs) * 1000, 0),
      chainEventsPerS: round((traffic.acks.length / (lastPush - started)) * 1000, 0),
      ...(seenElsewhere.length ? { otherReplicaP50Ms: percentile(seenElsewhere, 50), otherReplicaP99Ms: percentile(seenElsewhere, 99) } : {}),
      pushP50Ms: percentile(latencies, 50),
      pushP99Ms: percentile(latencies, 99),
      maxLag: Math.max(0, ...lags),
      lagAfterDrive,
    };
  } finally {
    await cluster.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { DATABASE_URL, KAFKA_BROKERS } = process.env;
  if (!DATABASE_URL || !KAFKA_BROKERS) throw new Error('set DATABASE_URL and KAFKA_BROKERS (a PostgreSQL server and a Kafka broker to run on)');
  const rows: Figures[] = [];
  for (const shape of [
    { replicas: 1, projectors: 1, notifiers: 1, partitions: 6 },
    { replicas: 2, projectors: 2, notifiers: 2, partitions: 6 },
  ]) {
    rows.push(await measure(shape, DATABASE_URL, KAFKA_BROKERS));
  }
  console.log(`scale bench: ${ORDERS} orders x 3 signed webhooks, ${CONCURRENCY} orders in flight, one push per order; 1 relay; ${cpus().length} cores`);
  console.table(rows);
}

refuseArguments("usage: npm run bench:scale\n  needs DATABASE_URL and KAFKA_BROKERS; SCALE_ORDERS, SCALE_CONCURRENCY (see the file's head)");
main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
