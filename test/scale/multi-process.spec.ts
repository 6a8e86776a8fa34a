import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DISPATCHER_OPTIONS } from '@ot/application';
import { describeIfReachable, eventually, postgresProbe, probeSync } from '@ot/testing';
import { auditPushes, auditReads, auditStore, etaSplit, groupAssignment, ordersWithoutEta, sentPushes } from '../../bench/scale/scale-audit';
import { ScaleCluster } from '../../bench/scale/scale-cluster';
import { customerOf, driveOrders, putPreferences } from '../../bench/scale/order-traffic';
import { privateKafkaSkipReason, type PrivateKafka, startPrivateKafka } from '../reliability/support/private-kafka.support';

/**
 * The scaled shape as processes, killed under load, every part on one PostgreSQL database (event
 * store and STATE_STORE=postgres): 2 API replicas reading the shared status view, 2 status
 * projectors writing it, a relay to a private Kafka broker, 2 notifiers in one consumer group
 * sending to one provider (the outbox, which honours the notification id as an idempotency key),
 * 2 ETA workers splitting the forecasts by partition. Mid-run one replica, one projector, the
 * relay, one notifier and one ETA worker are SIGKILLed and the broker is SIGKILLed and restarted;
 * the replica and the relay come back, the projector, the notifier and the ETA worker do not
 * (the ETA worker is started again once the traffic is over, to compare what both learned).
 * What a partner and a customer can check must hold: every acknowledged event stored, both
 * replicas answering the same, exactly one push per order in the provider's record, a forecast
 * for every order.
 */
const ORDERS = Number(process.env.SCALE_ORDERS) || 2000;
const CUSTOMERS = 100;
const PARTITIONS = 6;
const ALL_PARTITIONS = Array.from({ length: PARTITIONS }, (_, p) => p);
const databaseUrl = process.env.DATABASE_URL ?? '';
const skip = privateKafkaSkipReason() ?? (databaseUrl ? probeSync(postgresProbe(databaseUrl)) : 'DATABASE_URL is not set');

describeIfReachable('scale: replicas and consumer groups killed under load', skip, () => {
  jest.setTimeout(900_000);
  const dir = mkdtempSync(join(tmpdir(), 'ot-scale-'));
  let broker: PrivateKafka | undefined;
  let cluster: ScaleCluster | undefined;

  beforeAll(async () => {
    broker = await startPrivateKafka(Number(process.env.SCALE_KAFKA_PORT) || 4190, Number(process.env.SCALE_KAFKA_CONTROLLER_PORT) || 4191);
    cluster = await ScaleCluster.create(dir, databaseUrl, broker.brokers);
    await cluster.start({ replicas: 2, projectors: 2, notifiers: 2, etaWorkers: 2, partitions: PARTITIONS });
  }, 700_000);
  afterAll(async () => {
    await cluster?.close();
    await broker?.destroy();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('loses no acknowledged event or push, sends none twice and forecasts every order, across kills and a broker restart', async () => {
    const c = cluster!;
    const run = `s${Date.now().toString(36)}`;
    const [api0, api1] = c.of('api');
    const [relay] = c.of('relay');
    const [, projector1] = c.of('status-projector');
    const [notifier0, notifier1] = c.of('notifier');
    const [eta0, eta1] = c.of('eta');
    await putPreferences(
      notifier0.base,
      Array.from({ length: CUSTOMERS }, (_, i) => customerOf(run, i, CUSTOMERS)),
    );
    // The ETA group settled before the traffic: a worker forecasts only the partitions it holds, so an
    // order delivered before any worker held its partition would never have had a forecast to show.
    await eventually(
      async () => {
        const splits = await Promise.all([eta0, eta1].map((m) => etaSplit(m.base)));
        expect(splits.flatMap((s) => s.partitions).sort()).toEqual(ALL_PARTITIONS);
      },
      { timeoutMs: 90_000, everyMs: 500 },
    );

    const log: string[] = [];
    let notifierKilledAt = Date.now();
    const faults: Promise<void>[] = [];
    const at = (share: number, what: string, fault: () => Promise<void>) => ({ order: Math.floor(ORDERS * share), what, fault, fired: false });
    const plan = [
      at(0.15, 'SIGKILL api replica 1, restarted at once', async () => {
        await c.kill9(api1);
        await c.boot(api1);
      }),
      at(0.25, 'SIGKILL status projector 1, not restarted', () => c.kill9(projector1)),
      at(0.3, 'SIGKILL notifier 1, not restarted', async () => {
        notifierKilledAt = Date.now();
        await c.kill9(notifier1);
      }),
      at(0.35, 'SIGKILL ETA worker 1, not restarted until the end', async () => {
        const before = await Promise.all([eta0, eta1].map((m) => etaSplit(m.base)));
        log.push(
          `  ETA split before the kill: ${before.map((b, i) => `worker ${i} [${b.partitions.join(',')}] forecasts ${b.forecasting} of ${b.openOrders} open`).join('; ')}`,
        );
        await c.kill9(eta1);
      }),
      at(0.45, 'SIGKILL the broker, restarted on its data dir', async () => {
        await broker!.kill9();
        await broker!.restart();
      }),
      at(0.6, 'SIGKILL the relay, restarted on its checkpoint', async () => {
        await c.kill9(relay);
        await c.boot(relay);
      }),
    ];
    const started = Date.now();
    const traffic = await driveOrders(() => c.alive('api').map((m) => m.base), run, {
      orders: ORDERS,
      customers: CUSTOMERS,
      concurrency: 16,
      onProgress: (done) => {
        for (const step of plan.filter((s) => !s.fired && done >= s.order)) {
          step.fired = true;
          const t0 = Date.now();
          faults.push(step.fault().then(() => void log.push(`  ${step.what}: at order ${done}, back after ${Date.now() - t0} ms`)));
        }
      },
    });
    const drivenMs = Date.now() - started;
    await Promise.all(faults);

    const orderIds = Array.from({ length: ORDERS }, (_, i) => `${run}-${i}`);
    await eventually(() => expect(auditPushes(sentPushes(c.outboxDir), orderIds).lost).toBe(0), { timeoutMs: 120_000, everyMs: 500 });
    const settledMs = Date.now() - started;
    // A late duplicate would land by now: a redelivery within seconds, a send the killed notifier
    // had claimed once its lease (the dispatcher's 60 s) has run out (re-sent under its key).
    await new Promise((r) => setTimeout(r, Math.max(3000, notifierKilledAt + DEFAULT_DISPATCHER_OPTIONS.leaseMs + 5000 - Date.now())));

    const store = await auditStore(c.databaseUrl, traffic.acks);
    const reads = await eventually(
      async () => {
        const r = await auditReads([api0.base, api1.base], orderIds);
        expect(r.differing).toEqual([]);
        return r;
      },
      { timeoutMs: 30_000, everyMs: 500 },
    );
    const pushes = auditPushes(sentPushes(c.outboxDir), orderIds);
    const repeats = sentPushes(c.outboxDir, { repeats: true });
    const group = await groupAssignment(broker!.brokers, c.groupId, c.topic);

    // The survivor forecasts every order, its own and those of the killed worker's partitions.
    const survivor = await eventually(
      async () => {
        const split = await etaSplit(eta0.base);
        expect(split.partitions).toEqual(ALL_PARTITIONS);
        expect(await ordersWithoutEta(api0.base, orderIds)).toEqual([]);
        return split;
      },
      { timeoutMs: 90_000, everyMs: 1000 },
    );
    // The killed worker back: after the rebuild both folded the whole log, so their learners are
    // identical, while each forecasts only its own partitions' orders.
    await c.boot(eta1);
    const both = await eventually(
      async () => {
        const [a, b] = await Promise.all([etaSplit(eta0.base), etaSplit(eta1.base)]);
        expect(b.position).toBe(a.position);
        expect(b.learner).toBe(a.learner);
        expect([...a.partitions, ...b.partitions].sort()).toEqual(ALL_PARTITIONS);
        expect(Math.min(a.partitions.length, b.partitions.length)).toBeGreaterThan(0);
        return [a, b];
      },
      { timeoutMs: 90_000, everyMs: 1000 },
    );

    console.log(
      [
        `scale run: ${ORDERS} orders, ${CUSTOMERS} customers, 2 API replicas, 2 status projectors, 1 relay, 2 notifiers, ${PARTITIONS} partitions, state on PostgreSQL (private broker ${broker!.brokers})`,
        ...log,
        `  webhooks: ${traffic.acks.length} acknowledged of ${traffic.requests} requests (${traffic.failovers} failed over to the other replica), driven in ${drivenMs} ms, last push ${settledMs} ms after start`,
        `  store: ${store.acknowledged} acknowledged, ${store.missing} missing, ${store.duplicated} duplicated, ${store.stored} stored (+${store.conclusions} events the ETA workers concluded)`,
        `  reads: ${reads.same}/${reads.orders} orders read the same from both replicas`,
        `  pushes in the provider's record: expected ${pushes.expected}, sent ${pushes.sent}, lost ${pushes.lost}, duplicate ${pushes.duplicates}` +
          ` (${repeats.length} re-sent under a key already accepted, refused as repeats)`,
        `  notifier group now: ${group.map((m) => `${m.memberId.slice(0, 24)}… holds [${m.partitions.join(',')}]`).join('; ')}`,
        `  ETA survivor alone: [${survivor.partitions.join(',')}], forecasting ${survivor.forecasting} of ${survivor.openOrders} open orders; every order has an ETA`,
        `  ETA workers after the restart: ${both.map((b, i) => `worker ${i} [${b.partitions.join(',')}] forecasts ${b.forecasting} of ${b.openOrders} open, position ${b.position}, learner ${b.learner}`).join('; ')}`,
      ].join('\n'),
    );
    expect(traffic.acks.length).toBe(ORDERS * 3);
    expect(store).toMatchObject({ acknowledged: ORDERS * 3, missing: 0, duplicated: 0, stored: ORDERS * 3 });
    // Exactly once in the provider's record: a send re-made after the SIGKILL carries the same key.
    expect(pushes).toEqual({ expected: ORDERS, sent: ORDERS, lost: 0, duplicates: 0 });
    expect(group).toHaveLength(1); // the survivor took over the killed member's partitions
    expect(group[0].partitions).toEqual(ALL_PARTITIONS);
    const [first, second] = both;
    expect(first.forecasting + second.forecasting).toBe(first.openOrders);
  });
});
