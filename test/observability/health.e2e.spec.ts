import { NotifierRunner } from '@ot/notifier';
import { StatusProjectionRunner } from '../../apps/order-service/src/status/status-projection.runner';
import { type OpsApp, readmeWebhooks, startOpsApp } from './support/ops-app';

type Health = {
  status: string;
  info?: Record<string, { status: string } & Record<string, unknown>>;
  error?: Record<string, { status: string } & Record<string, unknown>>;
};

describe('/health', () => {
  let t: OpsApp;
  afterEach(() => t.close());

  it('live: 200 while the process answers', async () => {
    t = await startOpsApp();
    const res = await t.get('/health/live');
    expect(res.statusCode).toBe(200);
    expect((res.json() as Health).info?.process.status).toBe('up');
  });

  it('ready: 200 naming the event store, read models, bus, projections and dispatcher, each up', async () => {
    t = await startOpsApp();
    for (const { partner, raw } of readmeWebhooks(`o-${Date.now()}`)) expect((await t.webhook(partner, raw)).statusCode).toBe(202);
    const body = await eventuallyReady(t);
    expect(Object.keys(body.info ?? {}).sort()).toEqual(['bus', 'dispatcher', 'event-store', 'projections', 'read-models']);
    expect(Object.values(body.info ?? {}).map((c) => c.status)).toEqual(['up', 'up', 'up', 'up', 'up']);
    expect(body.info?.bus).toMatchObject({ kind: 'in-process' });
    expect(Object.keys((body.info?.projections.lagMs as Record<string, number>) ?? {}).sort()).toEqual(['eta', 'relay', 'status']);
  });

  it('ready: 503 naming the projection when an event waits longer than READY_MAX_PROJECTION_LAG_MS', async () => {
    t = await startOpsApp({ READY_MAX_PROJECTION_LAG_MS: '200', RUN_ETA: 'false', RUN_NOTIFIER: 'false' });
    await t.app.get(StatusProjectionRunner).onModuleDestroy(); // the status projection stalls
    const [placed] = readmeWebhooks(`o-${Date.now()}`);
    expect((await t.webhook(placed.partner, placed.raw)).statusCode).toBe(202);
    expect((await t.get('/health/ready')).statusCode).toBe(200); // behind, but not for long yet
    await new Promise((resolve) => setTimeout(resolve, 300));
    const res = await t.get('/health/ready');
    expect(res.statusCode).toBe(503);
    const body = res.json() as Health;
    expect(body.status).toBe('error');
    expect(Object.keys(body.error ?? {})).toEqual(['projections']);
    expect(body.error?.projections).toMatchObject({ status: 'down', maxLagMs: 200 });
    expect((body.error?.projections.lagMs as Record<string, number>).status).toBeGreaterThan(200);
  });

  it('ready: a probe polling through an outage logs one line when readiness falls and one when it returns, not one per poll', async () => {
    t = await startOpsApp({ READY_MAX_PROJECTION_LAG_MS: '200', RUN_ETA: 'false', RUN_NOTIFIER: 'false' });
    const runner = t.app.get(StatusProjectionRunner);
    await runner.onModuleDestroy(); // the status projection stalls
    const [placed] = readmeWebhooks(`o-${Date.now()}`);
    expect((await t.webhook(placed.partner, placed.raw)).statusCode).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let poll = 0; poll < 5; poll++) expect((await t.get('/health/ready')).statusCode).toBe(503);
    const health = () => t.logs().filter((l) => l.context === 'Health' || (l.msg === 'request' && String(l.url).startsWith('/health')));
    expect(health()).toEqual([expect.objectContaining({ level: 'warn', context: 'Health', msg: 'not ready: projections' })]);
    await runner.onApplicationBootstrap(); // it resumes and catches up
    await eventuallyReady(t);
    expect(health().map((l) => l.msg)).toEqual(['not ready: projections', 'ready again']);
  });

  it('ready: a process that does not project the status view (RUN_STATUS_PROJECTION=false) is not held to its lag', async () => {
    // API replicas reading a view the projectors write: a lagging projector must not take every replica out of service
    t = await startOpsApp({ READY_MAX_PROJECTION_LAG_MS: '200', RUN_STATUS_PROJECTION: 'false', RUN_ETA: 'false', RUN_NOTIFIER: 'false' });
    const [placed] = readmeWebhooks(`o-${Date.now()}`);
    expect((await t.webhook(placed.partner, placed.raw)).statusCode).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const res = await t.get('/health/ready');
    expect(res.statusCode).toBe(200);
    expect((res.json() as Health).info?.projections.lagMs).toEqual({});
  });

  it('ready: an API replica that uses no bus stays in service while Kafka is down, and says so', async () => {
    // BUS=kafka serves the relay, the notifier and the ETA group; a replica running none of them must not
    // leave the load balancer with the broker (every replica would, at once)
    const apiRole = { RUN_RELAY: 'false', RUN_NOTIFIER: 'false', RUN_ETA: 'false', RUN_PARTNER_OUTBOX: 'false' };
    t = await startOpsApp({ ...apiRole, BUS: 'kafka', KAFKA_BROKERS: '127.0.0.1:1' });
    const res = await t.get('/health/ready');
    expect(res.statusCode).toBe(200);
    expect((res.json() as Health).info?.bus).toMatchObject({ status: 'up', kind: 'kafka', usedHere: false, reachable: false });
  });

  it('ready: 503 naming the bus where it is used (the relay) and Kafka does not answer', async () => {
    t = await startOpsApp({ RUN_NOTIFIER: 'false', RUN_ETA: 'false', BUS: 'kafka', KAFKA_BROKERS: '127.0.0.1:1' });
    const res = await t.get('/health/ready');
    expect(res.statusCode).toBe(503);
    expect((res.json() as Health).error?.bus).toMatchObject({ status: 'down', kind: 'kafka', usedHere: true, reachable: false });
  });

  it('ready: 503 naming the dispatcher when it has not finished a pass for READY_MAX_DISPATCHER_SILENCE_MS', async () => {
    t = await startOpsApp({ READY_MAX_DISPATCHER_SILENCE_MS: '1000' });
    await eventuallyReady(t);
    await t.app.get(NotifierRunner, { strict: false }).onApplicationShutdown(); // the dispatcher stops, as a stuck one would
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const res = await t.get('/health/ready');
    expect(res.statusCode).toBe(503);
    const body = res.json() as Health;
    expect(Object.keys(body.error ?? {})).toEqual(['dispatcher']);
    expect(body.error?.dispatcher).toMatchObject({ status: 'down', maxSilenceMs: 1000 });
    expect(body.error?.dispatcher.silentMs as number).toBeGreaterThan(1000);
  });
});

async function eventuallyReady(t: OpsApp): Promise<Health> {
  for (let i = 0; ; i++) {
    const res = await t.get('/health/ready');
    if (res.statusCode === 200 || i > 50) {
      expect(res.statusCode).toBe(200);
      return res.json() as Health;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
