import { courier, newOrderId, orderPlaced } from './support/payloads';
import { eventually } from '@ot/testing';
import { startTestApp, type TestApp, tokenFor } from './support/test-app';

describe('GET /orders/:id: access and caching (HTTP)', () => {
  let t: TestApp;
  const orderId = newOrderId();

  beforeAll(async () => {
    t = await startTestApp();
    await t.webhook('warehouse', orderPlaced(orderId, 'alice'));
    await eventually(async () => expect((await t.getOrder(orderId, tokenFor('alice'))).statusCode).toBe(200));
  });
  afterAll(() => t.close());

  describe('authentication', () => {
    it.each([
      ['no token', null, 'missing-token'],
      ['a token signed with another secret', tokenFor('alice', 'customer', { secret: 'not-the-secret-at-all' }), 'invalid-token'],
      ['an expired token', tokenFor('alice', 'customer', { expiresIn: -10 }), 'expired-token'],
      ['a token without a known role', tokenFor('alice', 'admin' as 'ops'), 'invalid-token'],
      ['garbage', 'not.a.jwt', 'invalid-token'],
    ])('answers %s with 401 problem', async (_label, token, reason) => {
      const res = await t.getOrder(orderId, token);
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.json()).toMatchObject({ status: 401, reason });
    });
  });

  describe('authorisation', () => {
    it('shows a customer their own order', async () => {
      const res = await t.getOrder(orderId, tokenFor('alice'));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ orderId, customerId: 'alice', status: 'Placed', eta: null });
    });

    it("answers another customer's order exactly like an unknown one: 404", async () => {
      const other = await t.getOrder(orderId, tokenFor('bob'));
      const unknown = await t.getOrder('no-such-order', tokenFor('bob'));
      expect(other.statusCode).toBe(404);
      expect(unknown.statusCode).toBe(404);
      const strip = (body: { detail: string }) => ({ ...body, detail: body.detail.replace(orderId, 'ID').replace('no-such-order', 'ID') });
      expect(strip(other.json())).toEqual(strip(unknown.json()));
    });

    it('lets ops see any order', async () => {
      const res = await t.getOrder(orderId, tokenFor('agent-7', 'ops'));
      expect(res.statusCode).toBe(200);
      expect(res.json().customerId).toBe('alice');
    });
  });

  describe('caching', () => {
    it('serves a strong ETag over the body, private no-cache, and 304 without a body on If-None-Match', async () => {
      const first = await t.getOrder(orderId, tokenFor('alice'));
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect(first.headers['cache-control']).toBe('private, no-cache');
      expect(first.headers['content-type']).toContain('application/json');

      const again = await t.getOrder(orderId, tokenFor('alice'));
      expect(again.headers.etag).toBe(etag);
      expect(again.body).toBe(first.body);

      const revalidated = await t.getOrder(orderId, tokenFor('alice'), { 'if-none-match': etag });
      expect(revalidated.statusCode).toBe(304);
      expect(revalidated.body).toBe('');
      expect(revalidated.headers.etag).toBe(etag);

      const stale = await t.getOrder(orderId, tokenFor('alice'), { 'if-none-match': '"something-else"' });
      expect(stale.statusCode).toBe(200);
    });

    it('changes the ETag when the order changes, so a revalidating client gets the new status', async () => {
      const before = await t.getOrder(orderId, tokenFor('alice'));
      await t.webhook('courier', courier(orderId, 'PICKED_UP', '2026-01-02T09:00:00Z'));
      const after = await eventually(async () => {
        const res = await t.getOrder(orderId, tokenFor('alice'), { 'if-none-match': before.headers.etag as string });
        expect(res.statusCode).toBe(200);
        return res;
      });
      expect(after.json().status).toBe('HandedToCarrier');
      expect(after.headers.etag).not.toBe(before.headers.etag);
    });

    it('does not let a 304 bypass authorisation', async () => {
      const own = await t.getOrder(orderId, tokenFor('alice'));
      const res = await t.getOrder(orderId, tokenFor('bob'), { 'if-none-match': own.headers.etag as string });
      expect(res.statusCode).toBe(404);
    });
  });
});
