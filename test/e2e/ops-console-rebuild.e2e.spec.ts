import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, handleCommand } from '@ot/application';
import { eventually, privateDataEnv } from '@ot/testing';
import { EVENT_STORE } from '../../apps/order-service/src/app.tokens';
import { courier, newOrderId, orderPlaced } from './support/payloads';
import { startTestApp, type TestApp, tokenFor } from './support/test-app';

const OPS = tokenFor('agent-1', 'ops');

/** The board on SQLite (what npm start runs, in the status view's file) survives a restart, and deleting the file rebuilds it from the log. */
describe('delay board on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ops-board-'));
  const data = privateDataEnv(dir);
  const env = { EVENT_STORE: 'sqlite', ...data };
  const readModel = data.READ_MODEL_PATH!;
  let t: TestApp | undefined;
  afterEach(() => t?.close());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const list = async () =>
    (await t!.app.inject({ method: 'GET', url: '/ops/api/orders?includeClosed=true&sort=placedAt', headers: { authorization: `Bearer ${OPS}` } })).json();

  it('keeps its rows across a restart and rebuilds the same rows from the log', async () => {
    const [a, b] = [newOrderId(), newOrderId()];
    t = await startTestApp(env);
    await t.webhook('warehouse', orderPlaced(a));
    await t.webhook('courier', courier(a, 'EXCEPTION', '2026-01-02T10:00:00Z', { exceptionCode: 'WEATHER' }));
    // the delay reactor's answer (RUN_ETA, off here), through the same decider
    const predicted = { orderId: a, reason: 'weather' as const, newExpected: '2026-01-11', promisedBy: '2026-01-10', detectedAt: '2026-01-02T10:00:00.000Z' };
    await handleCommand(t.app.get<EventStore>(EVENT_STORE), a, { type: 'PredictDelay', data: predicted });
    await t.webhook('warehouse', orderPlaced(b, 'c2', '2026-01-01T11:00:00Z'));
    await t.webhook('courier', courier(b, 'DELIVERED', '2026-01-05T15:00:00Z'));
    const first = await eventually(async () => {
      const page = await list();
      if (page.total !== 2 || page.items[1].stage !== 'delivered') throw new Error('not projected yet');
      return page;
    });
    expect(first.items.map((r: { orderId: string; delayState: string }) => [r.orderId, r.delayState])).toEqual([
      [a, 'at-risk'],
      [b, 'on-track'],
    ]);
    expect(existsSync(readModel)).toBe(true);
    expect(existsSync(join(dir, 'delay-board.db'))).toBe(false); // no file of its own: it commits with the status view
    await t.close();

    t = await startTestApp(env);
    expect(await list()).toEqual(first); // resumed from its checkpoint, nothing applied twice
    await t.close();

    for (const suffix of ['', '-wal', '-shm']) rmSync(`${readModel}${suffix}`, { force: true });
    t = await startTestApp(env);
    await eventually(async () => expect(await list()).toEqual(first));
  });
});
