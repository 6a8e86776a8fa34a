import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, privateDataEnv } from '@ot/testing';
import { customerActions, type Offer } from './support/customer-actions';
import { courier } from './support/payloads';
import { PartnerSandbox } from './support/partner-sandbox';
import { SECRETS, startTestApp, type TestApp } from './support/test-app';

const SANDBOX_PORT = Number(process.env.ACTIONS_SANDBOX_PORT ?? 45110) + 1;

/**
 * The embedded default's stores (SQLite files, the outbox's own file): a reschedule reaches the courier's
 * endpoint signed and comes back confirmed, and a restart neither loses nor re-sends a delivery.
 */
describe('customer actions on the embedded SQLite stores', () => {
  const dir = mkdtempSync(join(tmpdir(), 'customer-actions-e2e-'));
  const sandbox = new PartnerSandbox(SECRETS);
  let t: TestApp;
  let env: Record<string, string>;
  const { actions, act, status, lateOrder } = customerActions(() => t);

  beforeAll(async () => {
    const base = await sandbox.start(SANDBOX_PORT);
    env = {
      EVENT_STORE: 'sqlite',
      ...privateDataEnv(dir),
      RUN_ETA: 'true',
      PARTNER_ACTIONS_URL_COURIER: `${base}/courier/actions`,
      PARTNER_OUTBOX_INTERVAL_MS: '20',
      PARTNER_OUTBOX_RETRY_BASE_MS: '20',
    };
    t = await startTestApp(env);
  });
  afterAll(async () => {
    await t.close();
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reschedules through the courier, confirmed, and a restart sends nothing twice', async () => {
    const orderId = await lateOrder(true);
    const day = (await actions(orderId)).json().actions.find((o: Offer) => o.type === 'reschedule-delivery').days[2];
    const { actionId } = (await act(orderId, { type: 'reschedule-delivery', requestId: 'req-sqlite', day })).json();
    await eventually(() => {
      if (sandbox.callsFor(actionId).length !== 1) throw new Error('not delivered yet');
    });
    expect(sandbox.callsFor(actionId)[0]).toMatchObject({ path: '/courier/actions', body: { actionId, orderId, type: 'reschedule-delivery', day } });
    expect(sandbox.rejected).toEqual([]);
    expect((await t.webhook('courier', courier(orderId, 'ACTION_CONFIRMED', new Date().toISOString(), { actionId }))).statusCode).toBe(202);
    await eventually(async () => {
      if ((await status(orderId)).actions?.[0]?.state !== 'confirmed') throw new Error('answer not projected yet');
    });

    await t.close();
    t = await startTestApp(env);
    await new Promise((resolve) => setTimeout(resolve, 300)); // several outbox passes after the restart
    expect(sandbox.callsFor(actionId)).toHaveLength(1);
    expect((await status(orderId)).actions).toEqual([expect.objectContaining({ actionId, state: 'confirmed', day })]);
    const retry = await act(orderId, { type: 'reschedule-delivery', requestId: 'req-sqlite', day });
    expect([retry.statusCode, retry.json().actionId, retry.json().state]).toEqual([200, actionId, 'confirmed']);
  });
});
