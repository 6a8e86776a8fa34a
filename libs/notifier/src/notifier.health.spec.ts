import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RecordedEvent } from '@ot/application';
import { loadConfig } from '@ot/config';
import { InProcessMessageBus } from '@ot/messaging';
import { RecordingChannelSender } from '@ot/testing';
import { NotifierRunner } from './inbox/notifier.runner';
import { buildNotifier } from './notifier.bootstrap';

type Health = { status: string; info?: Record<string, Record<string, unknown>>; error?: Record<string, Record<string, unknown>> };

// A notifier host on its own is what the load balancer and the operator ask: its readiness must check
// what it depends on, not answer 200 with nothing in it.
describe('standalone notifier /health/ready and /metrics', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ot-notifier-health-'));
  let app: NestFastifyApplication;
  const ready = () => app.inject({ method: 'GET', url: '/health/ready' });

  beforeAll(async () => {
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      NOTIFIER_DB_PATH: join(dir, 'n.db'),
      NOTIFIER_DISPATCH_INTERVAL_MS: '20',
      READY_MAX_DISPATCHER_SILENCE_MS: '1000',
    };
    const bus = new InProcessMessageBus<RecordedEvent>({ redeliveryDelayMs: 10 });
    app = await buildNotifier(loadConfig(env), { bus, senders: [new RecordingChannelSender('push')] });
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the bus and the dispatcher, each up', async () => {
    let res = await ready();
    for (let i = 0; res.statusCode !== 200 && i < 50; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      res = await ready();
    }
    expect(res.statusCode).toBe(200);
    const body = res.json() as Health;
    expect(Object.keys(body.info ?? {}).sort()).toEqual(['bus', 'dispatcher']);
    expect(body.info?.bus).toMatchObject({ status: 'up', kind: 'in-process' });
    expect(body.info?.dispatcher).toMatchObject({ status: 'up', maxSilenceMs: 1000 });
  });

  it("exposes the outbox's backlog on /metrics, as the embedded notifier does", async () => {
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.body).toMatch(/^ot_outbox_notifications\{state="pending"\} 0$/m);
    expect(res.body).toMatch(/^ot_outbox_notifications\{state="dead"\} 0$/m);
  });

  it('answers 503 naming the dispatcher once it has stopped passing', async () => {
    await app.get(NotifierRunner).onApplicationShutdown(); // as a stuck dispatcher would
    await new Promise((resolve) => setTimeout(resolve, 1300));
    const res = await ready();
    expect(res.statusCode).toBe(503);
    expect(Object.keys((res.json() as Health).error ?? {})).toEqual(['dispatcher']);
  });
});
