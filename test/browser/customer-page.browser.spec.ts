import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { phrasebookOf } from '@ot/domain';
import { readOlistOrders } from '@ot/replay';
import { eventually } from '@ot/testing';
import type { Browser, Page } from 'playwright-core';
import { EtaPipelineRunner } from '../../apps/order-service/src/status/eta-pipeline.runner';
import { startTestApp, type TestApp, tokenFor } from '../e2e/support/test-app';
import { DATA, describeInBrowser, hasText, launchChromium, replayOlist, ROOT } from './support/browser';

const OUT = join(ROOT, 'test-output/customer-page');
const ORDERS = 300;
const OPS = tokenFor('agent-1', 'ops');
type Json = Record<string, any>; // API bodies, checked field by field
type Sms = { orderId: string; kind: string; text: string };

/** A port free right now: the links in the messages must name the origin the page is then served on. */
const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/**
 * What a customer of a late order does, in Debian's chromium on a phone-sized screen, through the real
 * app: 300 Olist orders replayed on the event-time clock with every customer reachable by SMS in
 * Russian; the short link of a delay SMS from the outbox file opens the order page.
 */
describeInBrowser('customer page')('customer page in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let outbox: string;
  let sms: Sms;
  let order: Json;

  const api = async (path: string): Promise<Json> => (await t.app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${OPS}` } })).json();
  const shot = (name: string) => page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
  const ready = (language: string) => page.waitForSelector(`body[data-ready="${language}"]`);
  const sent = (): Sms[] => {
    const file = join(outbox, 'sms.jsonl');
    return existsSync(file)
      ? readFileSync(file, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l))
      : [];
  };

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    outbox = mkdtempSync(join(tmpdir(), 'customer-page-outbox-'));
    const port = await freePort();
    t = await startTestApp({
      CLOCK: 'event-time',
      RUN_ETA: 'true',
      RUN_NOTIFIER: 'true',
      NOTIFIER_OUTBOX_DIR: outbox,
      NOTIFIER_DISPATCH_INTERVAL_MS: '50',
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    });
    const customers = new Set(readOlistOrders(DATA!, ORDERS).map((o) => o.customerId));
    for (const customerId of customers) {
      const res = await t.app.inject({
        method: 'PUT',
        url: `/customers/${customerId}/preferences`,
        headers: { authorization: `Bearer ${OPS}` },
        payload: {
          language: 'ru',
          timeZone: 'America/Sao_Paulo',
          channels: { 'delay-predicted': ['sms'] },
          contacts: { deviceTokens: [], phone: '+5511999990000' },
        },
      });
      expect(res.statusCode).toBe(200);
    }
    await replayOlist(t, ORDERS);
    await t.app.get(EtaPipelineRunner).settle();
    // the delay SMS of an order still open and delayed now, so the page has a window and a reason to show
    [sms, order] = await eventually(
      async () => {
        for (const message of sent().filter((m) => m.kind === 'delay-predicted')) {
          const doc = await api(`/orders/${message.orderId}`);
          if (doc.delay?.isDelayed && doc.delay.reason && (doc.eta || doc.delay.newExpected)) return [message, doc] as const;
        }
        throw new Error(`no delayed open order with a delay SMS yet (${sent().length} SMS)`);
      },
      { timeoutMs: 30_000 },
    );
    await t.app.listen(port, '127.0.0.1');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'ru-RU' });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('opens the short link of the delay SMS and shows where the order is, its window and the reason, in Russian', async () => {
    const link = /https?:\/\/\S+\/s\/\S+$/.exec(sms.text)![0];
    await page.goto(link);
    await ready('ru');
    expect(page.url()).toContain('/t/');
    const ru = phrasebookOf('ru');
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    await hasText(page.locator('#summary'), (await api(`/orders/${order.orderId}/summary?lang=ru`)).summary);
    await hasText(page.locator('#reason'), ru.delayReasons[order.delay.reason] ?? ru.delayReasons.other);
    const window = order.eta?.window ?? { earliest: order.delay.newExpected, latest: order.delay.newExpected };
    const latest = new Intl.DateTimeFormat('ru', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${window.latest}T00:00:00Z`));
    await hasText(page.locator('#expected'), new RegExp(`${latest}$`)); // the genitive month: "5 декабря"
    expect(await page.locator('#timeline li').count()).toBe(order.timeline.length);
    await hasText(page.locator('#timeline li').last(), new RegExp(ru.milestones.Placed));
    await shot('ru');
  });

  it('switches to English: every label, the reason and the summary', async () => {
    await page.getByRole('button', { name: 'EN' }).click();
    await ready('en');
    const en = phrasebookOf('en');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(page.url()).toContain('lang=en');
    await hasText(page.locator('h2[data-label="timeline"]'), en.page.timeline);
    await hasText(page.locator('#reason'), en.delayReasons[order.delay.reason] ?? en.delayReasons.other);
    await hasText(page.locator('#summary'), (await api(`/orders/${order.orderId}/summary?lang=en`)).summary);
    await shot('en');
  });

  it('offers the actions the order allows, confirms one on the page, posts it and shows it done', async () => {
    const en = phrasebookOf('en');
    const { actions } = await api(`/orders/${order.orderId}/actions`);
    expect(actions.length).toBeGreaterThan(0); // a delayed open order has something to offer
    expect(await page.locator('#actions button').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-action')))).toEqual(actions.map((a: Json) => a.type));
    const action = actions.find((a: Json) => a.type === 'reschedule-delivery') ?? actions[0];
    await page.locator(`#actions button[data-action="${action.type}"]`).click();
    await hasText(page.locator('#confirm p'), en.actions[action.type as keyof typeof en.actions].confirm);
    if (action.days) await page.locator('#confirm select').selectOption(action.days.at(-1));
    await shot('confirm');
    await page.locator('#confirm-yes').click();
    await hasText(page.locator('#outcome[data-outcome="done"]'), en.actions[action.type as keyof typeof en.actions].done);
    const timeline = (await api(`/orders/${order.orderId}`)).timeline as Json[];
    const requested = timeline.find((e) => e.type === 'CustomerActionRequested' && e.action === action.type)!;
    await hasText(
      page.locator('#timeline li').first(),
      new RegExp(`${en.actions[action.type as keyof typeof en.actions].button}: ${en.page[requested.state as 'requested']}`),
    );
    await shot('done');
  });

  it('keeps the request when the answer is lost on the way: a second tap asks again with the same request id, and shows it done', async () => {
    const en = phrasebookOf('en');
    const { actions } = await api(`/orders/${order.orderId}/actions`);
    const action = actions.find((a: Json) => a.type === 'switch-to-pickup-point') ?? actions[0];
    expect(action).toBeDefined(); // the first action leaves another one to take
    const posted: Json[] = [];
    let lose = true;
    await page.route('**/actions', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      posted.push(route.request().postDataJSON());
      if (!lose) return route.continue();
      lose = false;
      await route.fetch(); // the server records it ...
      await route.abort('connectionreset'); // ... and the phone never hears back
    });
    try {
      await page.locator(`#actions button[data-action="${action.type}"]`).click();
      await page.locator('#confirm-yes').click();
      await hasText(page.locator('#outcome[data-outcome="failed"]'), en.page.failed);
      await page.locator('#confirm-yes').click(); // still offered, and enabled again
      await hasText(page.locator('#outcome[data-outcome="done"]'), en.actions[action.type as keyof typeof en.actions].done);
    } finally {
      await page.unroute('**/actions');
    }
    expect(posted).toHaveLength(2);
    expect(posted[1].requestId).toBe(posted[0].requestId);
    const timeline = (await api(`/orders/${order.orderId}`)).timeline as Json[];
    expect(timeline.filter((e) => e.type === 'CustomerActionRequested' && e.action === action.type)).toHaveLength(1);
  });
});
