import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signedHeaders } from '@ot/partners';
import { courier, newOrderId, orderPlaced } from './support/payloads';
import { eventually, privateDataEnv } from '@ot/testing';
import { SECRETS, startTestApp, type TestApp, tokenFor } from './support/test-app';

/**
 * The default embedded stack (SQLite event store + SQLite status view) over a real socket:
 * what `npm start` runs. Restarting on the same files must keep every order and resume the
 * projection from its checkpoint.
 */
describe('embedded SQLite stack over real HTTP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'order-service-e2e-'));
  const env = { EVENT_STORE: 'sqlite', ...privateDataEnv(dir) };
  let t: TestApp | undefined;
  afterEach(() => t?.close());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function listen(): Promise<string> {
    t = await startTestApp(env);
    await t.app.listen(0, '127.0.0.1');
    return t.app.getUrl();
  }

  async function post(base: string, partner: keyof typeof SECRETS, body: unknown) {
    const raw = JSON.stringify(body);
    return fetch(`${base}/webhooks/${partner}`, { method: 'POST', body: raw, headers: signedHeaders(SECRETS[partner], raw) });
  }

  type OrderBody = { status: string; version: number; timeline: unknown[] };
  const json = async (res: Response) => (await res.json()) as OrderBody;
  const getOrder = (base: string, orderId: string) => fetch(`${base}/orders/${orderId}`, { headers: { authorization: `Bearer ${tokenFor('c1')}` } });

  const orderId = newOrderId();
  const placed = orderPlaced(orderId);

  it('records a webhook durably and serves the projected status', async () => {
    const base = await listen();
    const res = await post(base, 'warehouse', placed);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ orderId, outcome: 'appended', streamVersion: 1 });
    await eventually(async () => expect((await getOrder(base, orderId)).status).toBe(200));
  });

  it('after a restart on the same files, keeps the order, answers duplicates, and projects new events', async () => {
    const base = await listen();
    const before = await getOrder(base, orderId);
    expect(before.status).toBe(200);
    expect((await json(before)).status).toBe('Placed');
    const duplicate = await post(base, 'warehouse', placed);
    expect(duplicate.status).toBe(200);
    expect(await duplicate.json()).toEqual({ orderId, outcome: 'duplicate', streamVersion: 1 });

    const handed = await post(base, 'courier', courier(orderId, 'PICKED_UP', '2026-01-02T09:00:00Z'));
    expect(await handed.json()).toMatchObject({ outcome: 'appended', streamVersion: 2 });
    const doc = await eventually(async () => {
      const body = await json(await getOrder(base, orderId));
      expect(body.version).toBe(2);
      return body;
    });
    expect(doc.status).toBe('HandedToCarrier');
    expect(doc.timeline).toHaveLength(2); // resumed from the checkpoint: the placement was not applied twice
  });
});
