import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { EventStore } from '@ot/application';
import { streamIdOf } from '@ot/domain';
import { OpsMetrics } from '@ot/observability';
import { signedHeaders } from '@ot/partners';
import { SECRETS, sqliteFilesIn, startListeningApp } from '../../../../test/e2e/support/test-app';
import { EVENT_STORE } from '../app.tokens';
import { PartnerWebhookRawRoute } from './partner-webhook.raw-route';

/**
 * POST /webhooks/:partner over a real socket: the common request is answered on node:http before
 * Fastify (partner-webhook.raw-route.ts), everything else by the Nest route. The Nest route's answer
 * over the same socket is had by declining the raw route (its `serveRaw` answering false), so the
 * bytes of both are compared whole, but for the Date header.
 */
const tmp = mkdtempSync(join(tmpdir(), 'webhook-raw-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const run = Date.now().toString(36);
let serial = 0;
/** Ids of one length, so the two paths' answers differ in nothing but the id. */
const nextOrder = (): string => `raw-${run}-${String(++serial).padStart(4, '0')}`;

function placed(orderId: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    eventId: `${orderId}-placed`,
    event: 'order.placed',
    orderId,
    occurredAt: '2026-01-01T10:00:00Z',
    customerId: 'c1',
    promisedDate: '2026-01-10',
    origin: { zip: '01310-100', city: 'São Paulo', state: 'SP' },
    destination: { zip: '20040-002', city: 'Rio de Janeiro', state: 'RJ' },
    itemCount: 1,
    ...extra,
  });
}

/** One HTTP/1.1 request on a fresh connection; the whole answer as sent, the Date header masked. */
function exchange(port: number, path: string, body: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (data) => {
      answer += data.toString('latin1');
      const head = answer.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: (\d+)/i.exec(answer);
      if (head >= 0 && length && answer.length - head - 4 >= Number(length[1])) {
        socket.end();
        resolve(answer.replace(/\r\nDate: [^\r]*/, '\r\nDate: -'));
      }
    });
    socket.on('error', reject);
    const lines = Object.entries({ host: 'localhost', ...headers, 'content-length': String(Buffer.byteLength(body)) }).map(([k, v]) => `${k}: ${v}\r\n`);
    socket.write(`POST ${path} HTTP/1.1\r\n${lines.join('')}\r\n${body}`);
  });
}

const portOf = (app: NestFastifyApplication): number => (app.getHttpServer().address() as { port: number }).port;
const requestLines = (lines: string[]) => lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request');

describe.each([
  ['memory', () => ({ EVENT_STORE: 'memory' })],
  ['sqlite', () => sqliteFilesIn(mkdtempSync(join(tmp, 'sqlite-')))],
])('POST /webhooks/:partner over a socket, %s stores', (_name, stores) => {
  let app: NestFastifyApplication;
  let served: jest.SpyInstance;
  const lines: string[] = [];

  beforeAll(async () => {
    app = await startListeningApp(stores(), lines);
  });
  beforeEach(() => {
    lines.length = 0;
    served = jest.spyOn(app.get(PartnerWebhookRawRoute), 'serveRaw');
  });
  afterEach(() => served.mockRestore());
  afterAll(() => app.close());

  const post = (body: string, headers: Record<string, string>, path = '/webhooks/warehouse') => exchange(portOf(app), path, body, headers);
  /** The same request answered by the Nest route alone. */
  const viaNest = async (body: string, headers: Record<string, string>, path?: string) => {
    served.mockReturnValueOnce(false);
    return post(body, headers, path);
  };
  const signed = (body: string, id: string, secret: string = SECRETS.warehouse) => ({ ...signedHeaders(secret, body), 'x-request-id': id });
  const rawAnswers = () => served.mock.results.map((r) => r.value as boolean);
  const recorded = async () => (await app.get(OpsMetrics).webhooks.get()).values.map(({ labels, value }) => [labels.partner, labels.outcome, value]);

  it('answers an accepted and a duplicate webhook on node:http with the Nest route bytes, after the append is durable', async () => {
    const [fast, nest] = [nextOrder(), nextOrder()];
    const counted = await recorded();
    const accepted = await post(placed(fast), signed(placed(fast), 'acc-1'));
    expect(rawAnswers()).toEqual([true]);
    expect(accepted).toBe((await viaNest(placed(nest), signed(placed(nest), 'acc-1'))).replaceAll(nest, fast));
    expect(accepted).toMatch(/^HTTP\/1\.1 202 Accepted\r\ncontent-type: application\/json; charset=utf-8\r\nx-request-id: acc-1\r\n/);
    expect(accepted).toContain(`{"orderId":"${fast}","outcome":"appended","streamVersion":1}`);
    const { events: stored } = await app.get<symbol, EventStore>(EVENT_STORE).readStream(streamIdOf(fast));
    expect(stored.map((e) => [e.type, e.metadata?.requestId])).toEqual([['OrderPlaced', 'acc-1']]);

    const duplicate = await post(placed(fast), signed(placed(fast), 'dup-1'));
    expect(duplicate).toBe((await viaNest(placed(nest), signed(placed(nest), 'dup-1'))).replaceAll(nest, fast));
    expect(duplicate).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(rawAnswers()).toEqual([true, false, true, false]);
    const after = await recorded();
    const count = (rows: unknown[][], outcome: string) => Number(rows.find(([p, o]) => p === 'warehouse' && o === outcome)?.[2] ?? 0);
    expect(count(after, 'recorded') - count(counted, 'recorded')).toBe(2);
    expect(count(after, 'duplicate') - count(counted, 'duplicate')).toBe(2);
    expect(requestLines(lines)).toEqual([]); // 2xx are logged at debug only
  });

  it.each(['application/json; charset=utf-8', 'Application/JSON;charset=UTF-8'])(
    'answers a webhook sent as %s on node:http with the Nest route bytes',
    async (type) => {
      const [fast, nest] = [nextOrder(), nextOrder()];
      const headers = (orderId: string) => ({ ...signed(placed(orderId), 'utf8-1'), 'content-type': type });
      const accepted = await post(placed(fast), headers(fast));
      expect(rawAnswers()).toEqual([true]);
      expect(accepted).toBe((await viaNest(placed(nest), headers(nest))).replaceAll(nest, fast));
      expect(accepted).toMatch(/^HTTP\/1\.1 202 Accepted\r\n/);
      const invalid = (orderId: string) => placed(orderId, { occurredAt: 'yesterday' });
      const refused = await post(invalid(fast), { ...signed(invalid(fast), 'utf8-2'), 'content-type': type });
      expect(refused).toBe((await viaNest(invalid(nest), { ...signed(invalid(nest), 'utf8-2'), 'content-type': type })).replaceAll(nest, fast));
      expect(refused).toMatch(/^HTTP\/1\.1 400 /);
      expect(rawAnswers()).toEqual([true, false, true, false]);
    },
  );

  it('gives Fastify a request id it generated for a webhook without one, as the Nest route does', async () => {
    const orderId = nextOrder();
    const answer = await post(placed(orderId), signedHeaders(SECRETS.warehouse, placed(orderId)));
    const id = /\r\nx-request-id: ([0-9a-f-]{36})\r\n/.exec(answer)?.[1];
    expect(id).toBeDefined();
    const { events } = await app.get<symbol, EventStore>(EVENT_STORE).readStream(streamIdOf(orderId));
    expect(events[0].metadata?.requestId).toBe(id);
  });

  const other = (orderId: string) => placed(orderId, { customerId: 'someone-else' });
  it.each<[string, (orderId: string) => [string, Record<string, string>, string?], number, boolean]>([
    ['a bad signature', (o) => [placed(o), { ...signedHeaders('another-secret-entirely', placed(o)) }], 401, true],
    ['a stale signature', (o) => [placed(o), signedHeaders(SECRETS.warehouse, placed(o), Math.floor(Date.now() / 1000) - 301)], 401, true],
    [
      'an invalid payload',
      (o) => [placed(o, { occurredAt: 'yesterday' }), signedHeaders(SECRETS.warehouse, placed(o, { occurredAt: 'yesterday' }))],
      400,
      true,
    ],
    ['malformed JSON', () => ['{"event":', signedHeaders(SECRETS.warehouse, '{"event":')], 400, true],
    ['a lone surrogate', (o) => [surrogate(o), signedHeaders(SECRETS.warehouse, surrogate(o))], 400, true],
    ['an unknown partner', (o) => [placed(o), signedHeaders(SECRETS.warehouse, placed(o)), '/webhooks/nobody'], 401, false],
    ['another content type', (o) => [placed(o), { ...signedHeaders(SECRETS.warehouse, placed(o)), 'content-type': 'text/plain' }], 415, false],
    [
      'a charset other than UTF-8',
      (o) => [placed(o), { ...signedHeaders(SECRETS.warehouse, placed(o)), 'content-type': 'application/json; charset=iso-8859-1' }],
      202,
      false,
    ],
    [
      'a parameter besides the charset',
      (o) => [placed(o), { ...signedHeaders(SECRETS.warehouse, placed(o)), 'content-type': 'application/json; charset=utf-8; v=1' }],
      202,
      false,
    ],
    ['a query', (o) => [placed(o), signedHeaders(SECRETS.warehouse, placed(o)), '/webhooks/warehouse?x=1'], 202, false],
    ['a scan of an unknown order (refused by the command)', (o) => [scan(o), signedHeaders(SECRETS.warehouse, scan(o))], 404, true],
  ])('leaves %s to the Nest route: the same bytes and log line', async (_label, request, status, read) => {
    const [fast, nest] = [nextOrder(), nextOrder()];
    const [body, headers, path] = request(fast);
    const answer = await post(body, { ...headers, 'x-request-id': 'left-1' }, path);
    const [nestBody, nestHeaders, nestPath] = request(nest);
    expect(answer).toBe((await viaNest(nestBody, { ...nestHeaders, 'x-request-id': 'left-1' }, nestPath)).replaceAll(nest, fast));
    expect(answer.slice(0, 12)).toBe(`HTTP/1.1 ${status}`);
    expect(rawAnswers()).toEqual([read, false]); // true: read on node:http, then handed to Fastify
    if (status >= 400)
      expect(requestLines(lines).map((l) => [l.reqId, l.route, l.status])).toEqual([
        ['left-1', '/webhooks/:partner', status],
        ['left-1', '/webhooks/:partner', status],
      ]);
  });

  it('hands a body cut short by the client to Fastify, and serves the next request', async () => {
    const orderId = nextOrder();
    const socket = connect(portOf(app), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const headers = Object.entries({ ...signedHeaders(SECRETS.warehouse, placed(orderId)), 'content-length': '500' }).map(([k, v]) => `${k}: ${v}\r\n`);
    socket.write(`POST /webhooks/warehouse HTTP/1.1\r\nhost: localhost\r\n${headers.join('')}\r\n{"eventId":`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(rawAnswers()).toEqual([true]);
    expect(await post(placed(orderId), signed(placed(orderId), 'after-cut'))).toMatch(/^HTTP\/1\.1 202 /);
  });

  it('hands a conflict found by the command to the Nest route, which neither charges nor records again', async () => {
    const orderId = nextOrder();
    expect(await post(placed(orderId), signed(placed(orderId), 'first'))).toMatch(/^HTTP\/1\.1 202 /);
    const conflict = await post(other(orderId), signed(other(orderId), 'conflict-1'));
    expect(conflict).toMatch(/^HTTP\/1\.1 409 Conflict\r\ncontent-type: application\/problem\+json; charset=utf-8\r\nx-request-id: conflict-1\r\n/);
    expect(rawAnswers()).toEqual([true, true]);
    expect((await app.get<symbol, EventStore>(EVENT_STORE).readStream(streamIdOf(orderId))).events).toHaveLength(1);
    expect(requestLines(lines)).toContainEqual(expect.objectContaining({ reqId: 'conflict-1', status: 409 }));
  });
});

/** A JSON \uD800 escape: a lone surrogate once parsed. */
const surrogate = (orderId: string): string => placed(orderId).replace('"customerId":"c1"', '"customerId":"c\\ud800"');
const scan = (orderId: string): string => JSON.stringify({ eventId: `${orderId}-packed`, event: 'order.packed', orderId, occurredAt: '2026-01-01T12:00:00Z' });

describe('POST /webhooks/:partner over a socket: rate limit and the debug log', () => {
  it('charges each webhook once, whichever server answers, and sends every answer through Fastify at debug', async () => {
    const lines: string[] = [];
    const app = await startListeningApp({ EVENT_STORE: 'memory', WEBHOOK_RATE_PER_SECOND: '1', WEBHOOK_BURST: '3' }, lines);
    try {
      const first = nextOrder();
      // the second is a conflict the command finds after the charge: handed to Fastify, not charged again
      const bodies = [placed(first), placed(first, { customerId: 'someone-else' }), placed(nextOrder()), placed(nextOrder())];
      const statuses: string[] = [];
      for (const [i, body] of bodies.entries())
        statuses.push(
          (await exchange(portOf(app), '/webhooks/warehouse', body, { ...signedHeaders(SECRETS.warehouse, body), 'x-request-id': `rl-${i}` })).slice(9, 12),
        );
      expect(statuses).toEqual(['202', '409', '202', '429']); // a burst of 3 (the refill of 1/s may not add a whole token meanwhile)
      expect(requestLines(lines).map((l) => [l.reqId, l.status])).toEqual([
        ['rl-1', 409],
        ['rl-3', 429],
      ]);
    } finally {
      await app.close();
    }
    const debugLines: string[] = [];
    const debug = await startListeningApp({ EVENT_STORE: 'memory', LOG_LEVEL: 'debug' }, debugLines);
    try {
      const served = jest.spyOn(debug.get(PartnerWebhookRawRoute), 'serveRaw');
      const orderId = nextOrder();
      const answer = await exchange(portOf(debug), '/webhooks/warehouse', placed(orderId), {
        ...signedHeaders(SECRETS.warehouse, placed(orderId)),
        'x-request-id': 'dbg-1',
      });
      expect(answer).toMatch(/^HTTP\/1\.1 202 /);
      expect(served.mock.results.map((r) => r.value as boolean)).toEqual([false]);
      expect(requestLines(debugLines)).toContainEqual(expect.objectContaining({ reqId: 'dbg-1', status: 202 }));
    } finally {
      await debug.close();
    }
  });
});
