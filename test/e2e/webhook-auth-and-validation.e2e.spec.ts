import { signedHeaders } from '@ot/partners';
import { eventually } from '@ot/testing';
import { sign } from 'jsonwebtoken';
import { courier, newOrderId, orderPlaced, pickupPoint, warehouse } from './support/payloads';
import { JWT_SECRET, SECRETS, startTestApp, type TestApp, tokenFor } from './support/test-app';

const PROBLEM = 'application/problem+json';

describe('webhooks: authentication and validation (HTTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT_BYTES: '4096' });
  });
  afterAll(() => t.close());

  it('accepts a correctly signed webhook with 202 and the new stream version', async () => {
    const orderId = newOrderId();
    const res = await t.webhook('warehouse', orderPlaced(orderId));
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ orderId, outcome: 'appended', streamVersion: 1 });
  });

  it('rejects a signature made with another secret: 401 problem, secret not in the body', async () => {
    const res = await t.webhook('warehouse', orderPlaced(newOrderId()), { secret: SECRETS.courier });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain(PROBLEM);
    expect(res.json()).toMatchObject({ status: 401, reason: 'mismatch', title: expect.any(String), type: expect.any(String) });
    expect(res.body).not.toContain(SECRETS.warehouse);
    expect(res.body).not.toContain(SECRETS.courier);
  });

  it('rejects a body changed after signing', async () => {
    const signed = JSON.stringify(orderPlaced(newOrderId()));
    const res = await t.app.inject({
      method: 'POST',
      url: '/webhooks/warehouse',
      payload: signed.replace('"itemCount":1', '"itemCount":9'),
      headers: signedHeaders(SECRETS.warehouse, signed),
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().reason).toBe('mismatch');
  });

  it('rejects missing signature headers', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/webhooks/warehouse', payload: orderPlaced(newOrderId()) });
    expect(res.statusCode).toBe(401);
    expect(res.json().reason).toBe('missing');
  });

  it.each([
    ['6 minutes old', -360],
    ['6 minutes in the future', 360],
  ])('rejects a timestamp %s as stale', async (_label, offset) => {
    const res = await t.webhook('warehouse', orderPlaced(newOrderId()), { timestampSeconds: Math.floor(Date.now() / 1000) + offset });
    expect(res.statusCode).toBe(401);
    expect(res.json().reason).toBe('stale');
  });

  it('accepts a timestamp 4 minutes old (inside the 5 minute window)', async () => {
    const res = await t.webhook('warehouse', orderPlaced(newOrderId()), { timestampSeconds: Math.floor(Date.now() / 1000) - 240 });
    expect(res.statusCode).toBe(202);
  });

  it('rejects an unknown partner with 401', async () => {
    const res = await t.post('/webhooks/fedex', orderPlaced(newOrderId()), 'warehouse');
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain(PROBLEM);
    expect(res.json().reason).toBe('unknown-partner');
  });

  it('answers malformed JSON (correctly signed) with 400 problem', async () => {
    const res = await t.webhook('warehouse', '{"eventId": "x",');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain(PROBLEM);
    expect(res.json()).toMatchObject({ status: 400, title: 'Malformed JSON' });
  });

  it('checks the signature before parsing: unsigned malformed JSON is 401', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/webhooks/warehouse', payload: '{oops', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(401);
  });

  it('answers an invalid field with 400 naming each bad field', async () => {
    const body = { ...orderPlaced(newOrderId()), promisedDate: 'next week', origin: { zip: 12 }, color: 'blue' };
    const res = await t.webhook('warehouse', body);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain(PROBLEM);
    const problem = res.json();
    expect(problem).toMatchObject({ type: expect.any(String), title: 'Invalid payload', status: 400, detail: expect.any(String) });
    expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual(['color', 'origin.zip', 'promisedDate']);
    expect(problem.errors.every((e: { message: string }) => e.message.length > 0)).toBe(true);
  });

  it('answers a body over BODY_LIMIT_BYTES with 413 problem', async () => {
    const body = { ...warehouse(newOrderId(), 'order.canceled', '2026-01-01T10:00:00Z'), reason: 'x'.repeat(5000) };
    const res = await t.webhook('warehouse', body);
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain(PROBLEM);
    expect(res.json().status).toBe(413);
  });

  it('answers a body that is not application/json with 415 problem', async () => {
    const res = await t.webhook('warehouse', 'eventId=x', { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toContain(PROBLEM);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain(PROBLEM);
  });

  describe('input the domain can trust', () => {
    const DAY_MS = 86_400_000;
    const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString();
    const fieldsOf = (problem: { errors?: { field: string }[] }) => (problem.errors ?? []).map((e) => e.field);
    /** GET as ops until the status document reaches `version` (the projection is asynchronous). */
    const statusAt = (orderId: string, version: number) =>
      eventually(async () => {
        const res = await t.getOrder(orderId, tokenFor('ops-1', 'ops'));
        expect(res.statusCode).toBe(200);
        expect(res.json().version).toBe(version);
        return res.json();
      });

    it('rejects a scan dated years ahead with 400 naming the field; later real scans still move the order', async () => {
      const orderId = newOrderId();
      expect((await t.webhook('warehouse', orderPlaced(orderId))).statusCode).toBe(202);
      const from2031 = await t.webhook('courier', courier(orderId, 'IN_TRANSIT', '2031-01-01T10:00:00Z', { location: { city: 'Campinas' } }));
      expect(from2031.statusCode).toBe(400);
      expect(from2031.headers['content-type']).toContain(PROBLEM);
      expect(from2031.json()).toMatchObject({
        status: 400,
        title: 'Invalid payload',
        errors: [{ field: 'timestamp', message: expect.stringContaining('future') }],
      });
      expect((await t.webhook('courier', courier(orderId, 'IN_TRANSIT', '2026-01-03T10:00:00Z', { location: { city: 'Campinas' } }))).statusCode).toBe(202);
      expect((await t.webhook('courier', courier(orderId, 'OUT_FOR_DELIVERY', '2026-01-04T08:00:00Z'))).statusCode).toBe(202);
      const doc = await statusAt(orderId, 3);
      expect(doc.status).toBe('OutForDelivery');
      expect(doc.timeline.map((e: { late: boolean }) => e.late)).toEqual([false, false, false]);
    });

    it('accepts an event up to a day ahead of our clock (partner clocks drift) and names each partner field past it', async () => {
      const orderId = newOrderId();
      const placed = { ...orderPlaced(orderId, 'c1', isoIn(DAY_MS - 60_000)), promisedDate: isoIn(10 * DAY_MS).slice(0, 10) };
      expect((await t.webhook('warehouse', placed)).statusCode).toBe(202);
      const late = [
        await t.webhook('warehouse', warehouse(orderId, 'order.packed', isoIn(DAY_MS + 60_000))),
        await t.webhook('courier', courier(orderId, 'PICKED_UP', isoIn(DAY_MS + 60_000))),
        await t.webhook('pickup-point', pickupPoint(orderId, 'picked_up', isoIn(DAY_MS + 60_000))),
      ];
      expect(late.map((r) => [r.statusCode, fieldsOf(r.json())])).toEqual([
        [400, ['occurredAt']],
        [400, ['timestamp']],
        [400, ['at']],
      ]);
    });

    it('answers a reused event id with other facts 409, the same facts 200 duplicate', async () => {
      const orderId = newOrderId();
      const placed = orderPlaced(orderId);
      expect((await t.webhook('warehouse', placed)).statusCode).toBe(202);
      const canceled = await t.webhook('warehouse', { ...warehouse(orderId, 'order.canceled', '2026-01-01T12:00:00Z'), eventId: placed.eventId });
      expect(canceled.statusCode).toBe(409);
      expect(canceled.headers['content-type']).toContain(PROBLEM);
      expect(canceled.json()).toMatchObject({
        type: expect.stringMatching(/\/duplicate-event-id-conflict$/),
        status: 409,
        detail: expect.stringContaining(placed.eventId),
      });
      const otherPromise = await t.webhook('warehouse', { ...placed, promisedDate: '2026-01-12' });
      expect(otherPromise.statusCode).toBe(409);
      // the same facts written differently (another offset for the same instant, keys reordered) are the same event
      const { occurredAt: _, ...rest } = placed;
      const again = await t.webhook('warehouse', { occurredAt: '2026-01-01T07:00:00-03:00', ...rest });
      expect({ status: again.statusCode, body: again.json() }).toEqual({ status: 200, body: { orderId, outcome: 'duplicate', streamVersion: 1 } });
      expect((await statusAt(orderId, 1)).status).toBe('Placed');
    });

    it.each([
      ['a control character', 'o\u0001x'],
      ['NUL', 'o\u0000x'],
      ['a right-to-left override', 'o\u202ex'],
      ['a bidi isolate', 'o\u2066x\u2069'],
      ['a right-to-left mark', 'o\u200fx'],
      ['only spaces', '   '],
      ['a line separator', 'o\u2028x'],
      ['a dot segment', '..'],
    ])('rejects ids with %s, in every id field', async (_label, bad) => {
      const results = [
        await t.webhook('warehouse', { ...orderPlaced(newOrderId()), orderId: bad }),
        await t.webhook('warehouse', { ...orderPlaced(newOrderId()), eventId: bad }),
        await t.webhook('warehouse', orderPlaced(newOrderId(), bad)),
        await t.webhook('courier', courier(bad, 'PICKED_UP', '2026-01-02T10:00:00Z')),
        await t.webhook('courier', { ...courier(newOrderId(), 'PICKED_UP', '2026-01-02T10:00:00Z'), trackingEventId: bad }),
        await t.webhook('pickup-point', pickupPoint(bad, 'picked_up', '2026-01-02T10:00:00Z')),
        await t.webhook('pickup-point', { ...pickupPoint(newOrderId(), 'picked_up', '2026-01-02T10:00:00Z'), id: bad }),
      ];
      expect(results.map((r) => [r.statusCode, fieldsOf(r.json())])).toEqual([
        [400, ['orderId']],
        [400, ['eventId']],
        [400, ['customerId']],
        [400, ['shipmentRef']],
        [400, ['trackingEventId']],
        [400, ['orderId']],
        [400, ['id']],
      ]);
    });

    it.each([
      ['150 characters', 'o'.repeat(150)],
      ['200 characters', 'p'.repeat(200)],
      ['200 multi-byte characters', 'ç'.repeat(200)],
      ['a slash, a space, a percent sign and a query mark', 'a/b c%20?d#e'],
      ['an emoji and accents', 'pedido-\u{1f4e6}-São'],
      ['dots that are no path segment', '...'],
    ])('reads back every accepted id through GET /orders/:id: %s', async (_label, orderId) => {
      expect((await t.webhook('warehouse', orderPlaced(orderId))).statusCode).toBe(202);
      expect((await statusAt(orderId, 1)).orderId).toBe(orderId);
    });

    it('answers an id longer than any accepted one, and router misses, with problem+json', async () => {
      const ops = { authorization: `Bearer ${tokenFor('ops-1', 'ops')}` };
      for (const url of [`/orders/${'x'.repeat(5000)}`, '/orders/', '/orders/a/b', '/nope']) {
        const res = await t.app.inject({ method: 'GET', url, headers: ops });
        expect({ url: url.slice(0, 20), status: [404, 414].includes(res.statusCode), type: res.headers['content-type'] }).toEqual({
          url: url.slice(0, 20),
          status: true,
          type: expect.stringContaining(PROBLEM),
        });
        expect(res.json()).toMatchObject({ type: expect.any(String), title: expect.any(String), status: res.statusCode, detail: expect.any(String) });
      }
    });

    it('rejects a promised date before the order was placed with 400', async () => {
      const res = await t.webhook('warehouse', { ...orderPlaced(newOrderId(), 'c1', '2026-01-05T10:00:00Z'), promisedDate: '2026-01-03' });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain(PROBLEM);
      expect(res.json()).toMatchObject({
        status: 400,
        type: expect.stringMatching(/\/invalid-event$/),
        detail: expect.stringMatching(/2026-01-03.*before.*2026-01-05/),
      });
      const sameDay = await t.webhook('warehouse', { ...orderPlaced(newOrderId(), 'c1', '2026-01-05T10:00:00Z'), promisedDate: '2026-01-05' });
      expect(sameDay.statusCode).toBe(202);
    });

    it.each(['text/plain', 'application/xml', 'text/plain; charset=utf-8'])(
      'answers a signed %s body with 415 problem, before the signature check',
      async (contentType) => {
        const signed = await t.webhook('warehouse', orderPlaced(newOrderId()), { headers: { 'content-type': contentType } });
        const unsigned = await t.app.inject({ method: 'POST', url: '/webhooks/warehouse', payload: '{}', headers: { 'content-type': contentType } });
        for (const res of [signed, unsigned]) {
          expect(res.statusCode).toBe(415);
          expect(res.headers['content-type']).toContain(PROBLEM);
          expect(res.json()).toMatchObject({
            status: 415,
            type: expect.stringMatching(/\/unsupported-media-type$/),
            detail: expect.stringContaining('application/json'),
          });
        }
      },
    );

    it('refuses a token without exp with 401', async () => {
      const orderId = newOrderId();
      expect((await t.webhook('warehouse', orderPlaced(orderId))).statusCode).toBe(202);
      await statusAt(orderId, 1);
      const forever = sign({ sub: 'c1', role: 'customer' }, JWT_SECRET, { algorithm: 'HS256' });
      const res = await t.getOrder(orderId, forever);
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain(PROBLEM);
    });
  });
});
