import type { Clock } from '@ot/application';
import { NOTIFIER_DEPS, type NotifierDeps } from '@ot/notifier';
import { CLOCK, MESSAGE_BUS } from '../../apps/order-service/src/app.tokens';
import { newOrderId, orderPlaced } from './support/payloads';
import { startTestApp, type TestApp, tokenFor } from './support/test-app';

/**
 * The embedded default is one application on one port: the notifier's routes answer beside the
 * webhooks and GET /orders/:id, under the same token rule, owner rule and problem format, and
 * the notifier runs on the app's own Clock and bus.
 */
describe('one service: the notifier embedded as a module', () => {
  let t: TestApp;
  const orderId = newOrderId();
  const prefs = { language: 'en', timeZone: 'UTC', channels: { shipped: ['push'] }, contacts: { deviceTokens: ['device-1'] } };
  const call = (method: 'GET' | 'PUT', url: string, token: string | null, payload?: object) =>
    t.app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await startTestApp({ RUN_NOTIFIER: 'true', CLOCK: 'event-time' });
    expect((await t.webhook('warehouse', { ...orderPlaced(orderId, 'c1', '2026-03-04T10:00:00Z'), promisedDate: '2026-03-12' })).statusCode).toBe(202);
  });
  afterAll(() => t.close());

  it('gives the notifier the same Clock and bus instances as the projections and the relay', () => {
    const deps = t.app.get<typeof NOTIFIER_DEPS, NotifierDeps>(NOTIFIER_DEPS, { strict: false });
    const clock = t.app.get<typeof CLOCK, Clock>(CLOCK);
    expect(deps.clock).toBe(clock);
    expect(deps.bus).toBe(t.app.get(MESSAGE_BUS));
    // CLOCK=event-time: the partner's event moved the one clock, so the notifier's quiet hours and caps read event time.
    expect(deps.clock.now().toISOString()).toBe('2026-03-04T10:00:00.000Z');
  });

  const routes = ['/orders/ORDER', '/orders/ORDER/notifications', '/dead-letters', '/customers/c1/preferences'];

  it.each(routes)('refuses a token signed with another secret on %s with the one 401 problem', async (route) => {
    const res = await call('GET', route.replace('ORDER', orderId), tokenFor('c1', 'ops', { secret: 'another-secret-entirely' }));
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(res.json()).toEqual({
      type: 'https://order-tracking.example/problems/unauthorized',
      title: 'Not authenticated',
      status: 401,
      reason: 'invalid-token',
      detail: 'send Authorization: Bearer <token>',
    });
  });

  it('accepts one ops token on every route of the one port', async () => {
    const ops = tokenFor('agent', 'ops');
    expect((await call('PUT', '/customers/c1/preferences', ops, prefs)).json()).toEqual({ customerId: 'c1', ...prefs });
    expect((await call('GET', '/customers/c1/preferences', ops)).json()).toEqual({ customerId: 'c1', ...prefs });
    expect((await call('GET', `/orders/${orderId}`, ops)).json()).toMatchObject({ orderId, customerId: 'c1', status: 'Placed' });
    expect((await call('GET', `/orders/${orderId}/notifications`, ops)).json()).toEqual({ orderId, attempts: [] });
    expect((await call('GET', '/dead-letters', ops)).json()).toEqual({ items: [] });
    expect((await call('GET', '/customers/nobody/preferences', ops)).json()).toEqual({
      type: 'https://order-tracking.example/problems/preferences-not-found',
      title: 'Preferences not found',
      status: 404,
      detail: 'no preferences for customer nobody',
    });
  });

  it('applies one owner rule: a customer reaches only their own order and preferences', async () => {
    const c2 = tokenFor('c2');
    expect((await call('GET', `/orders/${orderId}`, c2)).json()).toMatchObject({
      status: 404,
      type: 'https://order-tracking.example/problems/order-not-found',
    });
    const prefsOfOther = await call('GET', '/customers/c1/preferences', c2);
    expect(prefsOfOther.statusCode).toBe(403);
    expect(prefsOfOther.json()).toEqual({
      type: 'https://order-tracking.example/problems/forbidden',
      title: 'Forbidden',
      status: 403,
      detail: 'customers may only access their own preferences',
    });
    expect((await call('GET', '/dead-letters', tokenFor('c1'))).json()).toMatchObject({
      status: 403,
      type: 'https://order-tracking.example/problems/forbidden',
      detail: 'operators only',
    });
    expect((await call('GET', '/customers/c1/preferences', tokenFor('c1'))).statusCode).toBe(200);
  });

  it('names each bad field of a preferences body as {field, message}, as for a bad webhook', async () => {
    const res = await call('PUT', '/customers/c1/preferences', tokenFor('c1'), {
      ...prefs,
      timeZone: 'Mars/Base',
      contacts: { deviceTokens: [], phone: '123' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body).toMatchObject({ type: 'https://order-tracking.example/problems/invalid-payload', status: 400 });
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['contacts.phone', 'timeZone']);
    expect(body.errors.every((e: { message: unknown }) => typeof e.message === 'string' && e.message.length > 0)).toBe(true);
  });
});
