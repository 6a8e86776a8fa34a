import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { signedHeaders } from '@ot/partners';
import { eventually } from '@ot/testing';
import { newOrderId, orderPlaced } from '../../../../test/e2e/support/payloads';
import { SECRETS, sqliteFilesIn, startListeningApp, tokenFor } from '../../../../test/e2e/support/test-app';
import { OrderStatusRoute } from './order-status.route';

/**
 * GET /orders/:id over a real socket: a plain GET is answered on node:http before Fastify's router
 * (status.routes.ts), everything else by the route on Fastify. Every other suite drives the app with
 * Fastify's inject, which never passes the server, so this one holds the socket's answers to inject's.
 */
const tmp = mkdtempSync(join(tmpdir(), 'status-routes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Headers node:http adds on a socket (inject has none of them), and the request id, which is per request. */
const PER_CONNECTION = new Set(['date', 'connection', 'keep-alive', 'x-request-id']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Served = { status: number; headers: Record<string, string>; body: string };

describe.each([
  ['memory', () => ({ EVENT_STORE: 'memory' })],
  ['sqlite', () => sqliteFilesIn(mkdtempSync(join(tmp, 'sqlite-')))],
])('GET /orders/:id over a socket, %s stores', (_name, stores) => {
  let app: NestFastifyApplication;
  let base: string;
  let served: jest.SpyInstance;
  const lines: string[] = [];
  const orderId = newOrderId();
  const alice = `Bearer ${tokenFor('alice')}`;

  const overSocket = async (path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Served> => {
    const res = await fetch(`${base}${path}`, { method, headers });
    return { status: res.status, headers: Object.fromEntries(res.headers.entries()), body: await res.text() };
  };
  const injected = async (path: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET'): Promise<Served> => {
    const res = await app.inject({ method, url: path, headers });
    return { status: res.statusCode, headers: res.headers as Record<string, string>, body: res.body };
  };
  /** Everything but the per-connection headers (fetch gives them sorted by name). */
  const comparable = ({ status, headers, body }: Served) => ({
    status,
    headers: Object.entries(headers)
      .filter(([name]) => !PER_CONNECTION.has(name))
      .sort(([a], [b]) => a.localeCompare(b)),
    body,
  });
  const rawAnswers = () => served.mock.results.map((r) => r.value as boolean);

  beforeAll(async () => {
    app = await startListeningApp(stores(), lines);
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    const raw = JSON.stringify(orderPlaced(orderId, 'alice'));
    const placed = await app.inject({ method: 'POST', url: '/webhooks/warehouse', payload: raw, headers: signedHeaders(SECRETS.warehouse, raw) });
    expect(placed.statusCode).toBe(202);
    await eventually(async () => expect((await injected(`/orders/${orderId}`, { authorization: alice })).status).toBe(200));
  });
  beforeEach(() => {
    served = jest.spyOn(app.get(OrderStatusRoute), 'serveRaw');
  });
  afterEach(() => served.mockRestore());
  afterAll(() => app.close());

  it('answers 200 and 304 on node:http with the bytes and headers the Fastify route sends, and a request id', async () => {
    const socket = await overSocket(`/orders/${orderId}`, { authorization: alice });
    expect(comparable(socket)).toEqual(comparable(await injected(`/orders/${orderId}`, { authorization: alice })));
    expect(socket.headers).toMatchObject({ 'cache-control': 'private, no-cache', vary: 'authorization', 'content-type': 'application/json; charset=utf-8' });
    expect(JSON.parse(socket.body)).toMatchObject({ orderId, customerId: 'alice', status: 'Placed', eta: null });
    expect(socket.headers['x-request-id']).toMatch(UUID);

    const tagged = { authorization: alice, 'if-none-match': socket.headers.etag, 'x-request-id': 'poll-7' };
    const notModified = await overSocket(`/orders/${orderId}`, tagged);
    expect(comparable(notModified)).toEqual(comparable(await injected(`/orders/${orderId}`, tagged)));
    expect(notModified).toMatchObject({ status: 304, body: '' });
    expect(notModified.headers['x-request-id']).toBe('poll-7');
    expect(notModified.headers).not.toHaveProperty('content-length');
    expect(rawAnswers()).toEqual([true, true]);
  });

  it.each([
    ['no token', `/orders/${orderId}`, {}],
    ["someone else's order", `/orders/${orderId}`, { authorization: `Bearer ${tokenFor('bob')}` }],
    ['an unknown order', '/orders/no-such-order', { authorization: alice }],
    ['an expired token', `/orders/${orderId}`, { authorization: `Bearer ${tokenFor('alice', 'customer', { expiresIn: -10 })}` }],
  ])('hands %s to the route on Fastify: the same problem+json, with its log line', async (_label, path, headers) => {
    const socket = await overSocket(path, { ...headers, 'x-request-id': 'refused-1' });
    expect(comparable(socket)).toEqual(comparable(await injected(path, headers)));
    expect(socket.status).toBeGreaterThanOrEqual(400);
    expect(socket.headers['content-type']).toContain('application/problem+json');
    expect(socket.headers['x-request-id']).toBe('refused-1');
    expect(rawAnswers()[0]).toBe(false);
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toContainEqual(
      expect.objectContaining({ msg: 'request', reqId: 'refused-1', route: '/orders/:id', status: socket.status }),
    );
  });

  it('leaves HEAD, encoded ids and queries to Fastify, which answers them as before', async () => {
    const encoded = `/orders/${encodeURIComponent(orderId).replace('-', '%2D')}`;
    for (const [path, method] of [
      [encoded, 'GET'],
      [`/orders/${orderId}?fields=all`, 'GET'],
      [`/orders/${orderId}`, 'HEAD'],
    ] as const) {
      const socket = await overSocket(path, { authorization: alice }, method);
      expect(comparable(socket)).toEqual(comparable(await injected(path, { authorization: alice }, method)));
      expect(socket.status).toBe(200);
    }
    expect(served).not.toHaveBeenCalled();
  });
});

describe('GET /orders/:id over a socket: rate limit and the debug log', () => {
  const lines: string[] = [];
  let app: NestFastifyApplication;
  let base: string;
  const orderId = newOrderId();
  beforeAll(async () => {
    app = await startListeningApp({ EVENT_STORE: 'memory', LOG_LEVEL: 'debug', STATUS_RATE_PER_SECOND: '1', STATUS_BURST: '3' }, lines);
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    const raw = JSON.stringify(orderPlaced(orderId, 'carol'));
    expect((await app.inject({ method: 'POST', url: '/webhooks/warehouse', payload: raw, headers: signedHeaders(SECRETS.warehouse, raw) })).statusCode).toBe(
      202,
    );
  });
  afterAll(() => app.close());

  it('charges each read once, whichever server answers, and logs every answer at debug', async () => {
    const token = `Bearer ${tokenFor('carol')}`;
    await eventually(async () =>
      expect(
        (await app.inject({ method: 'GET', url: `/orders/${orderId}`, headers: { authorization: `Bearer ${tokenFor('ops-1', 'ops')}` } })).statusCode,
      ).toBe(200),
    );
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await fetch(`${base}/orders/${orderId}`, { headers: { authorization: token, 'x-request-id': `carol-${i}` } })).status);
    expect(statuses).toEqual([200, 200, 200, 429]); // a burst of 3 (the refill of 1/s may not add a whole token meanwhile)
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request' && String(l.reqId).startsWith('carol-'));
    expect(logged.map((l) => [l.reqId, l.status])).toEqual([
      ['carol-0', 200],
      ['carol-1', 200],
      ['carol-2', 200],
      ['carol-3', 429],
    ]);
  });
});
