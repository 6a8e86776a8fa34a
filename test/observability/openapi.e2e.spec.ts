import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiPathOf, registeredRoutes, DOCS_PATH, OPENAPI_JSON_PATH } from '@ot/observability';
import type { FastifyInstance } from 'fastify';
import { devToken, type OpsApp, startOpsApp } from './support/ops-app';

type Document = {
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: { content: Record<string, { schema: { oneOf?: { $ref: string }[] } }> };
        responses: Record<string, unknown>;
        security?: Record<string, unknown>[];
        summary?: string;
      }
    >
  >;
  components: { schemas: Record<string, { properties?: Record<string, Record<string, unknown>>; required?: string[] }> };
};

describe('/openapi.json and /docs', () => {
  let t: OpsApp;
  let doc: Document;
  beforeAll(async () => {
    t = await startOpsApp();
    const res = await t.get(OPENAPI_JSON_PATH);
    expect(res.statusCode).toBe(200);
    doc = res.json() as Document;
  });
  afterAll(() => t.close());

  it("lists every route the service registered, Nest's and Fastify's own", () => {
    const served = registeredRoutes(t.app.getHttpAdapter().getInstance() as FastifyInstance)
      .filter((r) => !r.url.startsWith(`/${DOCS_PATH}`) && r.url !== OPENAPI_JSON_PATH)
      .map((r) => `${r.method} ${openApiPathOf(r.url)}`);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(served).toEqual(expect.arrayContaining(['GET /orders/{id}', 'POST /webhooks/{partner}', 'GET /health/ready', 'GET /metrics']));
    expect(served.filter((r) => !documented.includes(r))).toEqual([]);
  });

  it("describes each partner's payload from the DTO that validates it", () => {
    const body = doc.paths['/webhooks/{partner}'].post.requestBody!.content['application/json'].schema;
    expect(body.oneOf?.map((r) => r.$ref).sort()).toEqual([
      '#/components/schemas/CourierPayload',
      '#/components/schemas/PickupPointPayload',
      '#/components/schemas/WarehousePayload',
    ]);
    const warehouse = doc.components.schemas.WarehousePayload;
    // Every warehouse message names its event, order and time; a placed order also its customer.
    expect(warehouse.required).toEqual(expect.arrayContaining(['eventId', 'event', 'orderId', 'occurredAt']));
    expect(warehouse.required).not.toContain('customerId');
    expect(warehouse.properties?.event.enum).toContain('order.placed');
    expect(warehouse.properties?.customerId.description).toContain('order.placed');
    expect(warehouse.properties?.origin.$ref).toBe('#/components/schemas/PlacePayload');
    expect(warehouse.properties?.sellerId.description).toContain('order.placed'); // the ETA model's seller key, optional
    expect(warehouse.required).not.toContain('sellerId');
    expect(warehouse.properties?.handOverBy.description).toContain('order.placed'); // the seller's hand-over deadline, optional
    expect(warehouse.required).not.toContain('handOverBy');
    expect(doc.components.schemas.PlacePayload.properties).toHaveProperty('zip');
  });

  it('answers a single webhook with every status docs/WEBHOOKS.md names, a batch with its whole-request ones', () => {
    const contract = readFileSync(join(__dirname, '../../docs/WEBHOOKS.md'), 'utf8');
    const tables = ['## Responses', '## Errors'].map((heading) => contract.slice(contract.indexOf(heading)).split('\n## ')[0]);
    const named = new Set(tables.flatMap((table) => [...table.matchAll(/^\| (\d{3}) \|/gm)].map(([, status]) => status)));
    expect(named.size).toBeGreaterThan(8);
    expect(Object.keys(doc.paths['/webhooks/{partner}'].post.responses).sort()).toEqual([...named].sort());
    // a batch answers 200 with each item's own status; only the envelope, the signature, the size, the media type and the bucket fail it whole
    expect(Object.keys(doc.paths['/webhooks/{partner}/batch'].post.responses).sort()).toEqual(['200', '400', '401', '413', '415', '429']);
  });

  it.each([
    // the statuses README.md and docs/REMEDIES.md, OPS-CONSOLE.md name for each route
    ['post', '/orders/{id}/returns', ['200', '201', '409']],
    ['post', '/ops/orders/{id}/returns/{requestId}/stages', ['200', '201', '409']],
    ['post', '/orders/{id}/storage-extension', ['200', '201', '409']],
    ['post', '/ops/orders/{id}/compensation', ['201', '409']],
    ['post', '/orders/{id}/actions', ['200', '202', '409']],
    ['post', '/partner-outbox/dead-letters/{deliveryId}/redrive', ['202', '404', '409']],
    ['post', '/ops/api/dead-letters/{id}/redrive', ['202', '404', '409']],
    ['post', '/ops/session', ['204', '403']],
    ['get', '/orders/{id}/summary', ['200', '400', '404']],
  ])('documents %s %s with the statuses the docs give', (method, path, statuses) => {
    expect(Object.keys(doc.paths[path][method].responses).sort()).toEqual(statuses);
  });

  it('declares the bearer token on every route that asks for one, and only there', async () => {
    // Asked of the routes themselves: without a token, a route that takes one answers 401 with WWW-Authenticate: Bearer.
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method, path, op })));
    const asking: string[] = [];
    for (const { method, path } of operations) {
      const url = path.replace(/\{[^}]+\}/g, 'x');
      const res = await t.app.inject({ method: method.toUpperCase() as 'GET', url, ...(method === 'get' ? {} : { payload: {} }) });
      if (res.statusCode === 401 && String(res.headers['www-authenticate']).startsWith('Bearer')) asking.push(`${method} ${path}`);
    }
    const declaring = operations.filter(({ op }) => op.security?.some((s) => 'bearer' in s)).map(({ method, path }) => `${method} ${path}`);
    expect(asking).toEqual(expect.arrayContaining(['get /orders/{id}', 'post /ops/orders/{id}/compensation', 'get /customers/{id}/preferences']));
    expect(declaring.sort()).toEqual(asking.sort());
  });

  it('declares the ops console session cookie on every route that takes it, and only there', async () => {
    // Asked of the routes: one that answers 401 without credentials but lets an ops session cookie through takes the cookie.
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method, path, op })));
    const cookie = `ops_session=${encodeURIComponent(devToken('ops-1', 'ops'))}`;
    const taking: string[] = [];
    for (const { method, path } of operations) {
      const url = path.replace(/\{[^}]+\}/g, 'x');
      const body = method === 'get' ? {} : { payload: {} };
      const bare = await t.app.inject({ method: method.toUpperCase() as 'GET', url, ...body });
      if (bare.statusCode !== 401) continue;
      const withCookie = await t.app.inject({ method: method.toUpperCase() as 'GET', url, headers: { cookie }, ...body });
      if (withCookie.statusCode !== 401) taking.push(`${method} ${path}`);
    }
    const declaring = operations.filter(({ op }) => op.security?.some((s) => 'ops_session' in s)).map(({ method, path }) => `${method} ${path}`);
    expect(taking).toEqual(expect.arrayContaining(['get /ops/api/overview', 'post /ops/api/dead-letters/{id}/redrive']));
    expect(declaring.sort()).toEqual(taking.sort());
  });

  it('says in a line what each route is for', () => {
    const unsummarised = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => !op.summary)
        .map(([method]) => `${method} ${path}`),
    );
    expect(unsummarised).toEqual([]);
  });

  it('serves the docs page and its assets locally, with no CDN', async () => {
    const page = await t.get(`/${DOCS_PATH}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|localhost)[^"']*\.(js|css)/);
    const scripts = [...page.body.matchAll(/src="([^"]+\.js)"/g)].map(([, src]) => src);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      const asset = await t.get(new URL(src, `http://service/${DOCS_PATH}`).pathname);
      expect([src, asset.statusCode]).toEqual([src, 200]);
    }
  });
});
