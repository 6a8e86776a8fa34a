import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DelayBoardStore, EventStore } from '@ot/application';
import { instantOf, isSystemEvent } from '@ot/domain';
import { eventually } from '@ot/testing';
import type { Browser, Page } from 'playwright-core';
import { DELAY_BOARD_STORE, EVENT_STORE } from '../../apps/order-service/src/app.tokens';
import { EtaPipelineRunner } from '../../apps/order-service/src/status/eta-pipeline.runner';
import { courier } from '../e2e/support/payloads';
import { startTestApp, type TestApp, tokenFor } from '../e2e/support/test-app';
import { describeInBrowser, hasText, launchChromium, type Locator, replayOlist, ROOT } from './support/browser';

const OUT = join(ROOT, 'test-output/ops-console');
const ORDERS = 300;

const OPS = tokenFor('agent-1', 'ops');
type Json = Record<string, any>; // API bodies, checked field by field

/**
 * The ops console in Debian's chromium, over the in-process service after replaying 300 Olist orders
 * with the event-time clock (the steps up to the last placement, so recent orders are still open).
 */
describeInBrowser('ops console')('ops console in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  let events: EventStore;

  const api = async (path: string): Promise<Json> => (await t.app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${OPS}` } })).json();
  const shot = (name: string) => page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
  const ready = (hash: string) => page.waitForSelector(`body[data-ready="${hash}"]`);

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    t = await startTestApp({
      CLOCK: 'event-time',
      RUN_ETA: 'true',
      RUN_NOTIFIER: 'true',
      NOTIFIER_OUTBOX_DIR: mkdtempSync(join(tmpdir(), 'ops-browser-outbox-')),
      NOTIFIER_DISPATCH_INTERVAL_MS: '50',
    });
    await replayOlist(t, ORDERS);
    await t.app.get(EtaPipelineRunner).settle();
    events = t.app.get<EventStore>(EVENT_STORE);
    const board = t.app.get<DelayBoardStore>(DELAY_BOARD_STORE);
    const last = (await events.readAll(0, Number.MAX_SAFE_INTEGER)).at(-1)!.globalPosition;
    await eventually(async () => expect(await board.checkpoint()).toBe(last), { timeoutMs: 20_000 });
    await t.app.listen(0, '127.0.0.1');
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('refuses a customer token at sign-in and on the API', async () => {
    await page.goto(`${base}/ops`);
    await page.getByLabel('Ops token').fill(tokenFor('c1'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await hasText(page.locator('#sign-in-error'), 'This token is not an ops token.');
    expect(await page.context().cookies()).toEqual([]);
    const refused = await page.request.get(`${base}/ops/api/overview`, { headers: { authorization: `Bearer ${tokenFor('c1')}` } });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).type).toBe('https://order-tracking.example/problems/forbidden');
    await shot('sign-in');
  });

  it('signs in with an ops token and shows the same overview counts as the API', async () => {
    await page.getByLabel('Ops token').fill(OPS);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await ready('#/');
    const cookie = (await page.context().cookies()).find((c) => c.name === 'ops_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/ops' });
    const o = await api('/ops/api/overview');
    expect(o.open).toBeGreaterThan(0);
    expect(o.atRisk + o.late).toBeGreaterThan(0); // a replay with nothing delayed would test nothing
    for (const key of ['open', 'atRisk', 'late', 'deliveredToday']) {
      expect(await page.locator(`[data-count="${key}"]`).textContent()).toBe(String(o[key]));
    }
    await shot('overview');
  });

  it('draws the charts with one point per week, day and bucket the API gives', async () => {
    const { trends } = await api('/ops/api/overview');
    const expected = { 'chart-on-time': trends.onTimeByWeek.length, 'chart-risk': trends.riskByDay.length, 'chart-promise': trends.promiseVsActual.length };
    for (const [id, points] of Object.entries(expected)) {
      expect(points).toBeGreaterThan(0);
      expect(await page.locator(`#${id}`).getAttribute('data-points')).toBe(String(points));
      expect(await inkOf(page, `#${id} canvas`)).toBeGreaterThan(100);
    }
  });

  it('lists the delayed orders of one route exactly as the API does', async () => {
    const [route] = (await api('/ops/api/breakdown?by=route')).items as { key: string; delayed: number }[];
    expect(route.delayed).toBeGreaterThan(0);
    const [origin, destination] = route.key.split('->');
    await page.goto(`${base}/ops#/list`);
    await ready('#/list');
    await page.getByLabel('Origin state').fill(origin);
    await page.getByLabel('Destination state').fill(destination);
    await page.getByRole('button', { name: 'Apply' }).click();
    const fromApi = await api(
      `/ops/api/orders?delayState=at-risk,late&originState=${origin}&destinationState=${destination}&sort=promisedBy&order=asc&limit=50`,
    );
    expect(fromApi.total).toBe(route.delayed);
    await hasText(page.locator('#list-summary'), new RegExp(`^${fromApi.total} orders`));
    expect(
      await page.locator('#orders tbody tr').evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: Record<string, string> }).dataset.orderId)),
    ).toEqual(fromApi.items.map((r: Json) => r.orderId));
    // open orders carry the ETA view's live forecast and window beside the board's facts; a parcel silent
    // for longer than the model has ever seen has no forecast (docs/ETA.md), and shows the board's own date
    const withForecast = fromApi.items.filter((r: Json) => r.forecast);
    expect(withForecast.length).toBeGreaterThan(0);
    expect(withForecast.every((r: Json) => r.forecast.earliest <= r.forecast.expected && r.forecast.expected <= r.forecast.latest)).toBe(true);
    expect(await page.locator('#orders tbody tr td:nth-child(5)').allTextContents()).toEqual(
      fromApi.items.map((r: Json) => (r.forecast ? `${r.forecast.expected} (${r.forecast.earliest} – ${r.forecast.latest})` : r.expected)),
    );
    // the domain's delay states, in ops words: late is a broken promise
    const words: Json = { 'at-risk': 'at risk', late: 'late: promise broken' };
    expect(await page.locator('#orders tbody tr td:nth-child(2)').allTextContents()).toEqual(fromApi.items.map((r: Json) => words[r.delayState]));
    // messages sent per row, from the embedded notifier's log: a count on every row, never "unknown"
    expect(fromApi.items.every((r: Json) => Number.isInteger(r.notificationsSent))).toBe(true);
    expect(await page.locator('#orders thead th:nth-child(11)').textContent()).toBe('Messages sent');
    expect(await page.locator('#orders tbody tr td:nth-child(11)').allTextContents()).toEqual(fromApi.items.map((r: Json) => String(r.notificationsSent)));
    expect(await page.locator('#csv').getAttribute('href')).toContain(`originState=${origin}`);
    await shot('list');
    await page.setViewportSize({ width: 768, height: 1024 }); // a tablet held upright
    await shot('list-tablet');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('opens an order whose timeline and ETA history match the event store', async () => {
    const first = page.locator('#orders tbody tr').first();
    const orderId = (await first.getAttribute('data-order-id'))!;
    await first.getByRole('link').click();
    await ready(`#/order/${encodeURIComponent(orderId)}`);
    const stream = (await events.readStream(`order-${orderId}`)).events;
    // the timeline: the partners' scans, the customer's actions and aftercare; not the reactors' conclusions
    const timeline = stream.filter((e) => !isSystemEvent(e));
    const etaEvents = stream.filter((e) => e.type === 'EtaRevised' || e.type === 'DelayPredicted' || e.type === 'DelayCleared');
    expect(etaEvents.length).toBeGreaterThan(0); // it is on the delayed list: the system said so in the log
    await hasCount(page.locator('#timeline tbody tr'), timeline.length);
    expect(await page.locator('#timeline tbody tr td:nth-child(2)').allTextContents()).toEqual(
      [...timeline].sort((a, b) => Date.parse(instantOf(a)) - Date.parse(instantOf(b))).map((e) => expect.stringContaining(e.type)),
    );
    // the ETA history: every conclusion of the reactors in the log's order, a broken promise among them (no expected day)
    expect(await page.locator('#eta-history tbody tr td:nth-child(2)').allTextContents()).toEqual(stream.filter(isSystemEvent).map((e) => e.type));
    expect(await page.locator('#eta-history tbody tr td:nth-child(3)').allTextContents()).toEqual(
      stream.filter(isSystemEvent).map((e) => (e.type === 'PromiseBroken' ? '' : (e.data as Json).newExpected)),
    );
    expect(await page.locator('#chart-eta').getAttribute('data-points')).toBe(String(etaEvents.length));
    expect(await inkOf(page, '#chart-eta canvas')).toBeGreaterThan(100);
    await shot('order');
  });

  it('shows when a late order broke its promise, as the log recorded it', async () => {
    const late = (await api('/ops/api/orders?delayState=late&limit=1')).items[0];
    const broken = (await events.readStream(`order-${late.orderId}`)).events.find((e) => e.type === 'PromiseBroken')!;
    expect(broken).toBeDefined();
    await page.goto(`${base}/ops#/order/${encodeURIComponent(late.orderId)}`);
    await ready(`#/order/${encodeURIComponent(late.orderId)}`);
    const row = page.locator('#eta-history tbody tr', { hasText: 'PromiseBroken' });
    await hasCount(row, 1);
    expect(await row.locator('td').allTextContents()).toEqual([
      `${instantOf(broken).replace('T', ' ').slice(0, 16)} UTC`,
      'PromiseBroken',
      '',
      '',
      `promised ${(broken.data as Json).promisedBy}, not delivered by then`,
    ]);
    const facts = await page.locator('#order-facts').innerText();
    expect(facts).toContain(`promise broken\n${instantOf(broken).replace('T', ' ').slice(0, 16)} UTC`);
    await shot('order-late');
  });

  it('changes a row live, without a reload, when a new webhook arrives', async () => {
    await page.goto(`${base}/ops#/list`);
    await ready('#/list');
    const row = page.locator('#orders tbody tr').first();
    const orderId = (await row.getAttribute('data-order-id'))!;
    await page.evaluate(() => ((globalThis as unknown as { stayed: boolean }).stayed = true));
    await hasText(page.locator('#live'), 'live');
    const now = (await api(`/ops/api/overview`)).asOf as string;
    expect((await t.webhook('courier', courier(orderId, 'IN_TRANSIT', now, { location: { city: 'Campinas', state: 'SP' } }))).statusCode).toBe(202);
    await hasText(page.locator(`#orders tr[data-order-id="${orderId}"] td:nth-child(10)`), `${now.replace('T', ' ').slice(0, 16)} UTC`, 10_000);
    expect(await page.evaluate(() => (globalThis as unknown as { stayed?: boolean }).stayed)).toBe(true);

    // the same on an open order page: its timeline grows by the new scan
    const other = (await page.locator('#orders tbody tr').nth(1).getAttribute('data-order-id'))!;
    await page.goto(`${base}/ops#/order/${encodeURIComponent(other)}`);
    await ready(`#/order/${encodeURIComponent(other)}`);
    await page.evaluate(() => ((globalThis as unknown as { stayed: boolean }).stayed = true));
    const before = await page.locator('#timeline tbody tr').count();
    const scan = { trackingEventId: `live-${other}`, shipmentRef: other, status: 'IN_TRANSIT', timestamp: now, location: { city: 'Campinas', state: 'SP' } };
    expect((await t.webhook('courier', scan)).statusCode).toBe(202);
    await hasCount(page.locator('#timeline tbody tr'), before + 1);
    expect(await page.evaluate(() => (globalThis as unknown as { stayed?: boolean }).stayed)).toBe(true);
  });

  it('adds a row that starts to match the filters and drops one that stops, live', async () => {
    const onTrack = (await api('/ops/api/orders?delayState=on-track&stage=in-transit&limit=100')).items as Json[];
    const delayedOn = async (o: Json) =>
      (await api(`/ops/api/orders?delayState=at-risk,late&originState=${o.originState}&destinationState=${o.destinationState}`)).total as number;
    let order: Json | undefined;
    for (const o of onTrack) if ((await delayedOn(o)) < 40) order ??= o;
    expect(order).toBeDefined();
    const orderId = order!.orderId as string;
    await page.goto(`${base}/ops#/list`);
    await ready('#/list');
    await page.fill('#filters input[name="originState"]', order!.originState);
    await page.fill('#filters input[name="destinationState"]', order!.destinationState);
    await page.click('#filters button[type="submit"]');
    const total = await delayedOn(order!);
    await hasCount(page.locator('#orders tbody tr'), total);
    await page.evaluate(() => ((globalThis as unknown as { stayed: boolean }).stayed = true));
    await hasText(page.locator('#live'), 'live');
    const rowOf = page.locator(`#orders tr[data-order-id="${orderId}"]`);
    expect(await rowOf.count()).toBe(0);

    const now = (await api(`/ops/api/overview`)).asOf as string;
    expect((await t.webhook('courier', courier(orderId, 'EXCEPTION', now, { exceptionCode: 'ADDRESS_PROBLEM', reason: 'no number' }))).statusCode).toBe(202);
    await hasCount(rowOf, 1); // at risk now: it matches, and appears where the sort puts it
    await hasCount(page.locator('#orders tbody tr'), total + 1);
    const listed = await page.locator('#orders tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-order-id')));
    const asApi = (await api(`/ops/api/orders?delayState=at-risk,late&originState=${order!.originState}&destinationState=${order!.destinationState}`)).items;
    expect(listed).toEqual(asApi.map((r: Json) => r.orderId));
    await hasText(page.locator('#list-summary'), new RegExp(`^${total + 1} orders`));

    expect((await t.webhook('courier', courier(orderId, 'DELIVERED', now))).statusCode).toBe(202);
    await hasCount(rowOf, 0); // delivered: no longer open, so no longer listed
    await hasCount(page.locator('#orders tbody tr'), total);
    await hasText(page.locator('#list-summary'), new RegExp(`^${total} orders`));
    expect(await page.evaluate(() => (globalThis as unknown as { stayed?: boolean }).stayed)).toBe(true);
  });

  it('shows the model page with its charts', async () => {
    const m = await api('/ops/api/model');
    await page.goto(`${base}/ops#/model`);
    await ready('#/model');
    expect(await page.locator('[data-alert="raised"]').textContent()).toBe(String(m.alerts.raised));
    expect(await page.locator('#chart-lead').getAttribute('data-points')).toBe(String(m.leadTimeDays.length));
    expect(await page.locator('#chart-calibration').getAttribute('data-points')).toBe(String(m.calibrationByWeek.length));
    expect(await page.locator('#calibration tbody tr td:nth-child(3)').allTextContents()).toEqual(m.calibrationByWeek.map((w: Json) => String(w.maeDays)));
    // the dispatcher keeps writing to the attempt log: compare a fresh page with the API read just before it
    await eventually(
      async () => {
        const { notificationOutcomes } = await api('/ops/api/model');
        await page.goto(`${base}/ops#/`);
        await ready('#/');
        await page.goto(`${base}/ops#/model`);
        await ready('#/model');
        expect(notificationOutcomes.length).toBeGreaterThan(0); // 300 replayed orders decided something about their messages
        expect(await page.locator('#outcomes-unavailable').isHidden()).toBe(true);
        const shown = await page
          .locator('#notification-outcomes tbody tr')
          .evaluateAll((rows) => rows.map((r) => (r as unknown as { innerText: string }).innerText.split('\t')));
        expect(shown).toEqual(notificationOutcomes.map((o: Json) => [o.channel ?? 'none (decided before a channel)', o.status, String(o.n)]));
      },
      { timeoutMs: 10_000, everyMs: 200 },
    );
    await shot('model');
    copyFileSync(join(OUT, 'overview.png'), join(OUT, 'overview-for-docs.png'));
  });
});

/** Non-transparent pixels on a canvas: a chart that drew nothing has none. */
function inkOf(page: Page, selector: string): Promise<number> {
  return page
    .locator(selector)
    .first()
    .evaluate((canvas) => {
      type Canvas = {
        width: number;
        height: number;
        getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
      };
      const c = canvas as unknown as Canvas;
      const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let ink = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) ink++;
      return ink;
    });
}

async function hasCount(locator: Locator, n: number): Promise<void> {
  await eventually(async () => expect(await locator.count()).toBe(n), { timeoutMs: 5000, everyMs: 50 });
}
