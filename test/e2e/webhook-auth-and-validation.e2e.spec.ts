import { signedHeaders } from '@ot/partners';
import { newOrderId, orderPlaced, warehouse } from './support/payloads';
import { SECRETS, startTestApp, type TestApp } from './support/test-app';

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
});
