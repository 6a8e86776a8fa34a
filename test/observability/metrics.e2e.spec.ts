import { eventually } from '@ot/testing';
import { devToken, type OpsApp, readmeWebhooks, startOpsApp } from './support/ops-app';

/** One sample's value from the Prometheus text, 0 when the series does not exist (yet). */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe("/metrics after the README's webhook example", () => {
  let t: OpsApp;
  beforeAll(async () => {
    t = await startOpsApp();
  });
  afterAll(() => t.close());

  const scrape = async (): Promise<string> => {
    const res = await t.get('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    return res.body;
  };

  it('counts each webhook by partner and outcome, the appends, and the push the broken promise caused', async () => {
    // The README's order was promised for a past day: the delay reactor breaks the promise, and c1 asked for push on that.
    const prefs = { language: 'en', timeZone: 'UTC', channels: { 'promise-broken': ['push'] }, contacts: { deviceTokens: ['device-1'] } };
    expect(
      (await t.notifier.inject({ method: 'PUT', url: '/customers/c1/preferences', payload: prefs, headers: { authorization: `Bearer ${devToken('c1')}` } }))
        .statusCode,
    ).toBe(200);
    const before = await scrape();
    expect(sample(before, 'ot_webhooks_total{partner="warehouse",outcome="recorded"}')).toBe(0);

    const orderId = `o-${Date.now()}`;
    for (const { partner, raw } of readmeWebhooks(orderId)) expect((await t.webhook(partner, raw)).statusCode).toBe(202);
    const [placed] = readmeWebhooks(orderId);
    expect((await t.webhook(placed.partner, placed.raw)).statusCode).toBe(200); // the partner retries
    expect((await t.webhook('courier', '{}', { 'x-signature': 'sha256=00' })).statusCode).toBe(401);

    const after = await eventually(async () => {
      const text = await scrape();
      expect(sample(text, 'ot_notification_attempts_total{channel="push",outcome="sent"}')).toBe(1);
      return text;
    });
    expect(sample(after, 'ot_webhooks_total{partner="warehouse",outcome="recorded"}')).toBe(1);
    expect(sample(after, 'ot_webhooks_total{partner="warehouse",outcome="duplicate"}')).toBe(1);
    expect(sample(after, 'ot_webhooks_total{partner="courier",outcome="recorded"}')).toBe(1);
    expect(sample(after, 'ot_webhooks_total{partner="courier",outcome="unauthenticated"}')).toBe(1);
    expect(sample(after, 'ot_events_appended_total{type="OrderPlaced"}')).toBe(1);
    expect(sample(after, 'ot_events_appended_total{type="PromiseBroken"}')).toBe(1);
    expect(sample(after, 'ot_event_append_seconds_count')).toBeGreaterThanOrEqual(3); // placed, picked up, and the reactor's conclusions
    expect(after).toMatch(/^ot_projection_lag_seconds\{projection="status"\} \d/m);
    expect(after).toMatch(/^ot_projection_lag_seconds\{projection="eta"\} \d/m);
    expect(after).toMatch(/^ot_projection_lag_seconds\{projection="relay"\} \d/m);
    expect(sample(after, 'ot_outbox_notifications{state="dead"}')).toBe(0);
    // The README's order is open and past its promised day: late, and no longer on track.
    expect(sample(after, 'ot_orders{health="late"}')).toBe(1);
    expect(sample(after, 'ot_orders{health="on-track"}')).toBe(0);
    expect(after).not.toMatch(/^ot_orders\{health="delayed"\}/m); // the labels are the domain's delay states
    expect(sample(after, 'ot_dispatcher_last_tick_seconds')).toBeGreaterThan(Date.now() / 1000 - 60);
  });

  it("counts an open order whose courier reported a delay as at-risk, the domain's delay state", async () => {
    const before = sample(await scrape(), 'ot_orders{health="at-risk"}');
    const orderId = `o-${Date.now()}-r`;
    const [placed] = readmeWebhooks(orderId);
    // placed yesterday and promised in two months (a promise at most 365 days out): open and not late, whatever the date
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const raw = placed.raw
      .replace('"occurredAt":"2026-01-01T10:00:00-03:00"', `"occurredAt":"${day(-1)}T10:00:00Z"`)
      .replace('"promisedDate":"2026-01-10"', `"promisedDate":"${day(60)}"`);
    expect(raw).toContain(`"promisedDate":"${day(60)}"`);
    expect((await t.webhook(placed.partner, raw)).statusCode).toBe(202);
    const exception = {
      trackingEventId: `trk-${orderId}-x`,
      shipmentRef: orderId,
      status: 'EXCEPTION',
      exceptionCode: 'WEATHER',
      timestamp: new Date().toISOString(),
    };
    expect((await t.webhook('courier', JSON.stringify(exception))).statusCode).toBe(202);
    await eventually(async () => expect(sample(await scrape(), 'ot_orders{health="at-risk"}')).toBe(before + 1));
  });

  it('reports the ETA error once a delivery completes: one delivery, so the mean error is its own size', async () => {
    const orderId = `o-${Date.now()}-d`;
    for (const { partner, raw } of readmeWebhooks(orderId)) expect((await t.webhook(partner, raw)).statusCode).toBe(202);
    const delivered = JSON.stringify({ trackingEventId: `trk-${orderId}-9`, shipmentRef: orderId, status: 'DELIVERED', timestamp: '2026-01-06T15:00:00Z' });
    expect((await t.webhook('courier', delivered)).statusCode).toBe(202);
    const text = await eventually(async () => {
      const scraped = await scrape();
      expect(scraped).toMatch(/^ot_eta_error_days\{stat="mae"\} /m);
      return scraped;
    });
    expect(sample(text, 'ot_eta_error_days{stat="mae"}')).toBe(Math.abs(sample(text, 'ot_eta_error_days{stat="bias"}')));
    expect(Number.isInteger(sample(text, 'ot_eta_error_days{stat="bias"}'))).toBe(true); // whole days
  });
});
