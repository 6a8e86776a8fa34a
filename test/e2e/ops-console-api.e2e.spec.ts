import { type EventStore, handleCommand } from '@ot/application';
import { eventually } from '@ot/testing';
import { EVENT_STORE } from '../../apps/order-service/src/app.tokens';
import { courier, newOrderId, orderPlaced } from './support/payloads';
import { startTestApp, type TestApp, tokenFor } from './support/test-app';

const OPS = tokenFor('agent-1', 'ops');

/** The ops console's JSON API over the embedded stack: bodies checked, ops only, one problem format. */
describe('ops console API', () => {
  let t: TestApp;
  const [atRisk, delivered, waiting] = [newOrderId(), newOrderId(), newOrderId()];

  const get = (url: string, headers: Record<string, string> = { authorization: `Bearer ${OPS}` }) => t.app.inject({ method: 'GET', url, headers });
  const json = async (url: string) => {
    const res = await get(url);
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await startTestApp();
    const ok = async (p: Promise<{ statusCode: number }>) => expect((await p).statusCode).toBe(202);
    await ok(t.webhook('warehouse', orderPlaced(atRisk)));
    await ok(t.webhook('courier', courier(atRisk, 'PICKED_UP', '2026-01-02T10:00:00Z')));
    await ok(t.webhook('courier', courier(atRisk, 'OUT_FOR_DELIVERY', '2026-01-04T10:00:00Z')));
    await ok(t.webhook('courier', courier(atRisk, 'IN_TRANSIT', '2026-01-03T10:00:00Z', { location: { city: 'Resende', state: 'RJ' } })));
    await ok(t.webhook('courier', courier(atRisk, 'EXCEPTION', '2026-01-04T12:00:00Z', { exceptionCode: 'WEATHER', reason: 'flooded road' })));
    await ok(t.webhook('warehouse', orderPlaced(delivered, 'c2', '2026-01-01T11:00:00Z')));
    await ok(t.webhook('courier', courier(delivered, 'PICKED_UP', '2026-01-02T10:00:00Z')));
    await ok(t.webhook('courier', courier(delivered, 'DELIVERED', '2026-01-05T15:00:00Z')));
    // the delay reactor's answer to the partner's weather delay (RUN_ETA, off here), sent through the same decider
    const predicted = {
      orderId: atRisk,
      reason: 'weather' as const,
      newExpected: '2026-01-11',
      promisedBy: '2026-01-10',
      detectedAt: '2026-01-04T12:00:00.000Z',
    };
    await handleCommand(t.app.get<EventStore>(EVENT_STORE), atRisk, { type: 'PredictDelay', data: predicted });
    const mg = orderPlaced(waiting, 'c3', '2026-01-01T12:00:00Z');
    await ok(t.webhook('warehouse', { ...mg, destination: { zip: '30130-000', city: 'Belo Horizonte', state: 'MG' } }));
    await eventually(async () => expect((await json('/ops/api/orders?includeClosed=true')).total).toBe(3));
  });
  afterAll(() => t.close());

  it('counts the open orders by delay state', async () => {
    expect(await json('/ops/api/overview')).toMatchObject({ open: 2, atRisk: 1, late: 0, deliveredToday: 0 });
  });

  it('lists the at-risk orders of a route with the facts ops triage on', async () => {
    const page = await json('/ops/api/orders?delayState=at-risk,late&originState=SP&destinationState=RJ');
    expect(page.total).toBe(1);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      orderId: atRisk,
      delayState: 'at-risk',
      reason: 'weather',
      stage: 'out-for-delivery',
      carrier: 'courier',
      originState: 'SP',
      destinationState: 'RJ',
      destinationRegion: 'Southeast',
      lateScans: 1,
      promisedBy: '2026-01-10',
      notificationsSent: null, // this app runs no notifier: unknown here, not zero
    });
    expect(Object.values(page.ageing as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(1);
    const all = await json('/ops/api/orders?includeClosed=true&sort=placedAt');
    expect(all.items.map((r: { orderId: string }) => r.orderId)).toEqual([atRisk, delivered, waiting]);
  });

  it('finds a route typed as ops type it: states in any case, reasons too, spaces trimmed', async () => {
    for (const url of ['/ops/api/orders?originState=sp&destinationState=%20rj%20', '/ops/api/orders?originState=Sp&reason=Weather']) {
      const page = await json(url);
      expect(page.items.map((r: { orderId: string }) => r.orderId)).toEqual([atRisk]);
    }
  });

  it('re-reads just the rows asked for by id, as the live page does for the rows it shows', async () => {
    const both = await json(`/ops/api/orders?ids=${atRisk}&ids=${delivered}&includeClosed=true&sort=placedAt`);
    expect(both.items.map((r: { orderId: string }) => r.orderId)).toEqual([atRisk, delivered]);
    expect((await json(`/ops/api/orders?ids=${delivered}`)).items).toEqual([]); // closed, and not asked for closed ones
    const tooMany = await get(`/ops/api/orders?${Array.from({ length: 501 }, (_, i) => `ids=o-${i}`).join('&')}`);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors).toEqual([expect.objectContaining({ field: 'ids' })]);
  });

  it('lists a page as order ids alone when asked, as the live page learns which rows it shows', async () => {
    const full = await json('/ops/api/orders?includeClosed=true&sort=placedAt');
    const ids = await json('/ops/api/orders?includeClosed=true&sort=placedAt&fields=orderId');
    expect(ids.items).toEqual(full.items.map((r: { orderId: string }) => ({ orderId: r.orderId })));
    expect([ids.total, ids.limit, ids.offset]).toEqual([full.total, full.limit, full.offset]);
    expect((await get('/ops/api/orders?fields=doc')).statusCode).toBe(400);
  });

  it('answers an offset past any list with a 400 naming it, not a 500', async () => {
    const res = await get('/ops/api/orders?offset=99999999999999999999');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'offset' })]);
  });

  it('exports the filtered list as CSV', async () => {
    const res = await get('/ops/api/orders.csv?includeClosed=true&sort=placedAt');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = res.body.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0].split(',').slice(0, 3)).toEqual(['orderId', 'delayState', 'stage']);
    expect(lines[0].split(',')).toContain('notificationsSent');
    expect(lines[1].startsWith(`${atRisk},at-risk,out-for-delivery,`)).toBe(true);
    expect(lines[2].startsWith(`${delivered},on-track,delivered,`)).toBe(true);
  });

  it('tells one order from its stream, with the late scan marked', async () => {
    const order = await json(`/ops/api/orders/${atRisk}`);
    expect(order.timeline.map((e: { type: string; late: boolean }) => [e.type, e.late])).toEqual([
      ['OrderPlaced', false],
      ['HandedToCarrier', false],
      ['InTransit', true],
      ['OutForDelivery', false],
      ['DelayReported', false],
    ]);
    expect(order).toMatchObject({
      orderId: atRisk,
      status: 'OutForDelivery',
      events: 6,
      etaHistory: [{ type: 'DelayPredicted', at: '2026-01-04T12:00:00.000Z', expected: '2026-01-11', reason: 'weather' }],
      notifications: null,
      deadLetters: null,
    });
    const missing = await get('/ops/api/orders/nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ status: 404, type: 'https://order-tracking.example/problems/order-not-found' });
  });

  it('shows where delays concentrate, by route and by region', async () => {
    expect((await json('/ops/api/breakdown?by=route')).items).toEqual([
      { key: 'SP->RJ', open: 1, atRisk: 1, late: 0, delayed: 1 },
      { key: 'SP->MG', open: 1, atRisk: 0, late: 0, delayed: 0 },
    ]);
    expect((await json('/ops/api/breakdown?by=region')).items.map((r: { key: string }) => r.key)).toEqual(['Southeast']);
    const bad = await get('/ops/api/breakdown?by=planet');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'by' })]);
  });

  it('reports the model and the on-time trend from delivered orders', async () => {
    const model = await json('/ops/api/model');
    expect(model.notificationOutcomes).toBeNull(); // the notifier's log lives in another process
    // one alert, on an order still open: neither confirmed nor a false alarm yet
    expect(model.alerts).toEqual({
      raised: 1,
      ordersAlerted: 1,
      confirmed: 0,
      falseAlarms: 0,
      pending: 1,
      missedLate: 0,
      falseAlarmRate: null,
    });
    expect((await json('/ops/api/overview')).trends.onTimeByWeek).toEqual([{ week: '2026-01-05', delivered: 1, onTime: 1, rate: 1 }]);
  });

  it('refuses customers (403) and strangers (401) with a problem', async () => {
    const customer = await get('/ops/api/overview', { authorization: `Bearer ${tokenFor('c1')}` });
    expect(customer.statusCode).toBe(403);
    expect(customer.headers['content-type']).toContain('application/problem+json');
    expect(customer.json()).toMatchObject({ status: 403, type: 'https://order-tracking.example/problems/forbidden' });
    expect((await get('/ops/api/orders', {})).statusCode).toBe(401);
    const invalid = await get('/ops/api/orders?delayState=fine&limit=9999');
    expect(invalid.statusCode).toBe(400);
    expect(
      invalid
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['delayState', 'limit']);
  });

  it('serves the page and its scripts from this service, under a strict CSP, and nothing else from the assets folder', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/ops' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('<script src="/ops/assets/uPlot.iife.min.js" defer></script>');
    const uplot = await t.app.inject({ method: 'GET', url: '/ops/assets/uPlot.iife.min.js' });
    expect(uplot.statusCode).toBe(200);
    expect(uplot.body).toContain('uPlot');
    for (const url of ['/ops/assets/nope.js', '/ops/assets/..%2F..%2Fpackage.json', '/ops/assets/console.html']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect([url, res.statusCode, res.headers['content-type']]).toEqual([url, 404, 'application/problem+json; charset=utf-8']);
    }
  });

  it('exchanges an ops token for an HttpOnly SameSite cookie, and asks cookie sessions for the CSRF token', async () => {
    const refused = await t.app.inject({ method: 'POST', url: '/ops/session', payload: { token: tokenFor('c1') } });
    expect(refused.statusCode).toBe(403);
    const signIn = await t.app.inject({ method: 'POST', url: '/ops/session', payload: { token: OPS } });
    expect(signIn.statusCode).toBe(204);
    const setCookie = String(signIn.headers['set-cookie']);
    expect(setCookie).toMatch(/^ops_session=[^;]+; Path=\/ops; HttpOnly; SameSite=Strict$/);
    const cookie = setCookie.split(';')[0];
    const session = await get('/ops/api/session', { cookie });
    expect(session.json()).toEqual({ sub: 'agent-1', csrfToken: expect.stringMatching(/^[\w-]{43}$/) });
    const redrive = (headers: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: '/ops/api/dead-letters/n-1/redrive', headers: { cookie, ...headers } });
    const forged = await redrive({});
    expect(forged.statusCode).toBe(403);
    expect(forged.json().detail).toContain('x-csrf-token');
    expect((await redrive({ 'x-csrf-token': 'guess' })).statusCode).toBe(403);
    const passed = await redrive({ 'x-csrf-token': session.json().csrfToken });
    expect(passed.statusCode).toBe(404); // past auth and CSRF; this app runs no notifier, so no dead letter
    expect(passed.json().type).toBe('https://order-tracking.example/problems/dead-letter-not-found');
  });
});
