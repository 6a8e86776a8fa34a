import type { EtaView, EtaViewStore, StatusViewStore } from '@ot/application';
import { eventually } from '@ot/testing';
import { courier, newOrderId, orderPlaced } from '../../../../test/e2e/support/payloads';
import { startTestApp, type TestApp, tokenFor } from '../../../../test/e2e/support/test-app';
import { ETA_VIEW_STORE, STATUS_VIEW_STORE } from '../app.tokens';

/**
 * GET /orders/:id serves a cached ready response; these fail if a view commit does not drop it.
 * Each change is awaited at the store's own commit (not with eventually()), so the very next GET
 * must already see it. On the embedded in-memory stack; the SQLite stores' side of the contract
 * (onCommit after each commit) is in status-response.cache.spec.ts.
 */

/** Resolves once `store` has committed a change to `orderId`. */
function committed(store: { onCommit: StatusViewStore['onCommit'] }, orderId: string): Promise<void> {
  return new Promise((resolve) => {
    const stop = store.onCommit((ids) => {
      if (!ids.includes(orderId)) return;
      stop();
      resolve();
    });
  });
}

describe('GET /orders/:id after a view commit', () => {
  let t: TestApp;
  let views: StatusViewStore;
  let etas: EtaViewStore;
  const alice = tokenFor('alice');
  beforeAll(async () => {
    t = await startTestApp();
    views = t.app.get(STATUS_VIEW_STORE);
    etas = t.app.get(ETA_VIEW_STORE);
  });
  afterAll(() => t.close());

  async function placedAndCached(): Promise<{ orderId: string; etag: string }> {
    const orderId = newOrderId();
    expect((await t.webhook('warehouse', orderPlaced(orderId, 'alice'))).statusCode).toBe(202);
    const first = await eventually(async () => {
      const res = await t.getOrder(orderId, alice);
      expect(res.statusCode).toBe(200);
      return res;
    });
    const again = await t.getOrder(orderId, alice); // served from the cache
    expect(again.headers.etag).toBe(first.headers.etag);
    return { orderId, etag: first.headers.etag as string };
  }

  it('serves the new status, with a new ETag, on the first GET after the status commit', async () => {
    const { orderId, etag } = await placedAndCached();
    const commit = committed(views, orderId);
    await t.webhook('courier', courier(orderId, 'PICKED_UP', '2026-01-02T09:00:00Z'));
    await commit;
    const res = await t.getOrder(orderId, alice, { 'if-none-match': etag });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'HandedToCarrier', version: 2 });
    expect(res.headers.etag).not.toBe(etag);
  });

  it('serves the new ETA alone, with a new ETag, on the first GET after the ETA commit', async () => {
    const { orderId, etag } = await placedAndCached();
    const eta: EtaView = {
      orderId,
      expected: '2026-01-08',
      by: '2026-01-09',
      days: 'calendar',
      window: { earliest: '2026-01-07', latest: '2026-01-09' },
      updatedAt: '2026-01-02T00:00:00.000Z',
      confidence: 0.5,
    };
    await etas.commit({ upserts: [eta], removals: [] }, await etas.checkpoint());
    const withEta = await t.getOrder(orderId, alice, { 'if-none-match': etag });
    expect(withEta.statusCode).toBe(200);
    expect(withEta.json()).toMatchObject({ status: 'Placed', version: 1, eta });
    expect(withEta.headers.etag).not.toBe(etag);

    // re-forecast with the same updatedAt, then the order leaves the ETA view: both are seen at once
    const revised = { ...eta, expected: '2026-01-09' };
    await etas.commit({ upserts: [revised], removals: [] }, await etas.checkpoint());
    const withRevised = await t.getOrder(orderId, alice, { 'if-none-match': withEta.headers.etag as string });
    expect(withRevised.statusCode).toBe(200);
    expect(withRevised.json().eta).toEqual(revised);
    await etas.commit({ upserts: [], removals: [orderId] }, await etas.checkpoint());
    const without = await t.getOrder(orderId, alice, { 'if-none-match': withRevised.headers.etag as string });
    expect(without.statusCode).toBe(200);
    expect(without.json().eta).toBeNull();
    expect(without.headers.etag).toBe(etag); // same document, same (absent) ETA: the first tag again
  });

  it('checks the owner on every cached hit, 304s included', async () => {
    const { orderId, etag } = await placedAndCached();
    const bob = await t.getOrder(orderId, tokenFor('bob'), { 'if-none-match': etag });
    const unknown = await t.getOrder('no-such-order', tokenFor('bob'));
    expect(bob.statusCode).toBe(404);
    expect(bob.json().title).toBe(unknown.json().title);
    expect((await t.getOrder(orderId, tokenFor('ops-1', 'ops'), { 'if-none-match': etag })).statusCode).toBe(304);
    expect((await t.getOrder(orderId, tokenFor('alice', 'customer', { expiresIn: -10 }))).statusCode).toBe(401);
  });
});
