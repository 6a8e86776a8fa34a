import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@ot/application';
import { NOTIFICATION_KINDS, streamIdOf } from '@ot/domain';
import { eventually } from '@ot/testing';
import { EVENT_STORE } from '../../apps/order-service/src/app.tokens';
import { type OutboxLine, outboxLines } from './support/outbox';
import { courier, newOrderId, orderPlaced, pickupPoint, warehouse } from './support/payloads';
import { startTestApp, type TestApp, tokenFor } from './support/test-app';

/**
 * Compensation, returns and pickup-point storage over HTTP, on the embedded default with the ETA
 * pipeline and the notifier on, and CLOCK=event-time: partners' events move the clock, so the
 * aftercare reactor's ticks and the queued reminders run at the simulated time. What we assert is
 * what the customer receives: the outbox lines, with the clock time they were sent at.
 */
describe('aftercare (compensation, returns, pickup-point storage)', () => {
  let t: TestApp;
  let outbox: string;
  const ops = tokenFor('agent-7', 'ops');

  beforeEach(async () => {
    outbox = mkdtempSync(join(tmpdir(), 'aftercare-outbox-'));
    t = await startTestApp({ RUN_NOTIFIER: 'true', RUN_ETA: 'true', CLOCK: 'event-time', NOTIFIER_OUTBOX_DIR: outbox, NOTIFIER_DISPATCH_INTERVAL_MS: '20' });
  });
  afterEach(() => t.close());

  const pushes = (orderId: string, kind?: string): OutboxLine[] =>
    outboxLines(outbox, 'push').filter((m) => m.orderId === orderId && (!kind || m.kind === kind));
  const pushed = (orderId: string, kind: string, count = 1): Promise<OutboxLine[]> =>
    eventually(async () => {
      const lines = pushes(orderId, kind);
      if (lines.length < count) throw new Error(`${lines.length} ${kind} pushes for ${orderId}`);
      return lines;
    });

  async function customer(customerId: string, language: 'en' | 'ru' = 'en'): Promise<void> {
    const kinds = NOTIFICATION_KINDS.filter((k) => k !== 'digest');
    const res = await t.app.inject({
      method: 'PUT',
      url: `/customers/${customerId}/preferences`,
      headers: { authorization: `Bearer ${tokenFor(customerId)}` },
      payload: {
        language,
        timeZone: 'UTC',
        channels: Object.fromEntries(kinds.map((k) => [k, ['push']])),
        contacts: { deviceTokens: [`device-${customerId}`] },
      },
    });
    expect(res.statusCode).toBe(200);
  }

  const post = (url: string, token: string, payload: unknown) =>
    t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload: payload as object });
  const status = async (orderId: string, token = ops) => (await t.getOrder(orderId, token)).json();
  const stream = async (orderId: string) => (await t.app.get<typeof EVENT_STORE, EventStore>(EVENT_STORE).readStream(streamIdOf(orderId))).events;

  /** An unrelated parcel's scans move the event-time clock, as a replay's traffic does. */
  const ticker = newOrderId();
  async function clockTo(instant: string): Promise<void> {
    if (!(await stream(ticker)).length) expect((await t.webhook('warehouse', orderPlaced(ticker, 'c-ticker', '2026-01-01T00:00:00Z'))).statusCode).toBe(202);
    expect((await t.webhook('courier', courier(ticker, 'IN_TRANSIT', instant, { location: { city: 'Campinas', state: 'SP' } }))).statusCode).toBe(202);
  }

  it('a bad policy file stops start-up with every problem listed', async () => {
    const bad = join(outbox, 'bad-policy.json');
    writeFileSync(bad, JSON.stringify({ compensation: { timeZone: 'UTC', tiers: [] }, returns: { windowDays: -1, nonReturnableCategories: [] }, storage: {} }));
    await expect(startTestApp({ AFTERCARE_POLICY_PATH: bad })).rejects.toMatchObject({
      name: 'ConfigError',
      problems: [
        `${bad}: returns.windowDays: windowDays must not be less than 0`,
        expect.stringMatching(new RegExp(`^${bad}: storage\\.extensionDays: extensionDays must`)), // one message per field is enough to fix it
      ],
    });
  });

  it('storage: reminders at the clock time they are due, one extension, then back to the sender with a refund', async () => {
    const orderId = newOrderId();
    await customer('c-store');
    expect((await t.webhook('warehouse', orderPlaced(orderId, 'c-store'))).statusCode).toBe(202);
    expect((await t.webhook('warehouse', warehouse(orderId, 'parcel.handed_over', '2026-01-02T10:00:00Z'))).statusCode).toBe(202);
    const arrival = pickupPoint(orderId, 'arrived', '2026-01-05T10:00:00Z', {
      point: { id: 'pp1', address: 'Rua A 1' },
      storageDeadline: '2026-01-08T18:00:00Z',
    });
    expect((await t.webhook('pickup-point', arrival)).statusCode).toBe(202);
    await clockTo('2026-01-05T10:05:00Z'); // past the arrival news' collapse window
    await pushed(orderId, 'at-pickup-point');

    // the day before: due 24 h before the deadline, sent when the clock gets there, not before
    await clockTo('2026-01-07T17:00:00Z');
    await new Promise((r) => setTimeout(r, 200));
    expect(pushes(orderId, 'storage-deadline-approaching')).toHaveLength(0);
    await clockTo('2026-01-07T18:30:00Z');
    const [dayBefore] = await pushed(orderId, 'storage-deadline-approaching');
    expect(dayBefore.at).toBe('2026-01-07T18:00:00.000Z');
    expect(dayBefore.text).toContain('Rua A 1');

    // one extension by the configured 3 days; a retry changes nothing; a second one is refused
    const token = tokenFor('c-store');
    const first = await post(`/orders/${orderId}/storage-extension`, token, { requestId: 'ext-1' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ orderId, requestId: 'ext-1', storageDeadline: '2026-01-11T18:00:00.000Z' });
    // a client retrying after a lost answer learns the same deadline
    const retried = await post(`/orders/${orderId}/storage-extension`, token, { requestId: 'ext-1' });
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toEqual(first.json());
    const second = await post(`/orders/${orderId}/storage-extension`, token, { requestId: 'ext-2' });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ title: "Refused in the order's current state", detail: expect.stringContaining('already extended once') });
    expect((await post(`/orders/${orderId}/storage-extension`, tokenFor('someone-else'), { requestId: 'ext-3' })).statusCode).toBe(404);
    await pushed(orderId, 'storage-extended');
    await eventually(async () => expect((await status(orderId)).pickupPoint.storageDeadline).toBe('2026-01-11T18:00:00.000Z'));

    // the old deadline passes: nothing goes back, and the old last-day reminder was withdrawn
    await clockTo('2026-01-09T00:00:00Z');
    await clockTo('2026-01-11T10:00:00Z');
    const [lastDay] = await pushed(orderId, 'storage-last-day');
    expect(lastDay.at).toBe('2026-01-11T09:00:00.000Z'); // 09:00 in the customer's zone (UTC) on the new deadline's day
    expect(pushes(orderId, 'storage-last-day')).toHaveLength(1);
    expect(pushes(orderId, 'storage-deadline-approaching').map((m) => m.at)).toEqual(['2026-01-07T18:00:00.000Z', '2026-01-10T18:00:00.000Z']);
    expect((await status(orderId)).status).toBe('ArrivedAtPickupPoint');

    // the new deadline passes unpicked: back to the sender, refund started, the customer told
    await clockTo('2026-01-11T19:30:00Z');
    const [expired] = await pushed(orderId, 'storage-expired');
    expect(expired.text).toMatch(/returned to the sender[\s\S]*refund/);
    const doc = await status(orderId);
    expect(doc.status).toBe('ReturnedToSender');
    expect(doc.aftercare.storage).toEqual({ extendedUntil: '2026-01-11T18:00:00.000Z', expiredAt: '2026-01-11T18:00:00.000Z', refundStarted: true });
    expect(doc.timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['StorageExtended', 'StorageExpired', 'RefundStarted']));
    expect((await stream(orderId)).filter((e) => e.type === 'StorageExpired')).toHaveLength(1);
  });

  it('a return runs through every stage to the refund, each in GET /orders/:id and notified', async () => {
    const orderId = newOrderId();
    await customer('c-ret', 'ru');
    expect((await t.webhook('warehouse', orderPlaced(orderId, 'c-ret'))).statusCode).toBe(202);
    expect((await t.webhook('warehouse', warehouse(orderId, 'parcel.handed_over', '2026-01-02T10:00:00Z'))).statusCode).toBe(202);
    expect((await t.webhook('courier', courier(orderId, 'DELIVERED', '2026-01-05T10:00:00Z'))).statusCode).toBe(202);
    const token = tokenFor('c-ret');

    const notYet = await post(`/ops/orders/${orderId}/returns/ret-1/stages`, ops, { stage: 'handed-over' });
    expect(notYet.statusCode).toBe(409);
    const bad = await post(`/orders/${orderId}/returns`, token, { requestId: 'ret-1', reason: 'bored', method: 'courier', note: 'x'.repeat(501) });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['note', 'reason']);

    const asked = await post(`/orders/${orderId}/returns`, token, { requestId: 'ret-1', reason: 'damaged', method: 'pickup-point', note: 'box crushed' });
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toEqual({ orderId, requestId: 'ret-1', stages: ['requested', 'approved'] });
    const retried = await post(`/orders/${orderId}/returns`, token, { requestId: 'ret-1', reason: 'damaged', method: 'pickup-point' });
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toEqual({ orderId, requestId: 'ret-1', stages: ['requested', 'approved'] }); // what was decided, not nothing
    const reused = await post(`/orders/${orderId}/returns`, token, { requestId: 'ret-1', reason: 'wrong-item', method: 'pickup-point' });
    expect({ status: reused.statusCode, type: reused.json().type }).toEqual({ status: 409, type: expect.stringContaining('request-id-conflict') });
    expect((await post(`/orders/${orderId}/returns/`, tokenFor('c-other'), { requestId: 'ret-9', reason: 'damaged', method: 'courier' })).statusCode).toBe(404);
    const [approved] = await pushed(orderId, 'return-approved');
    expect(approved.title).toBe(`Возврат заказа ${orderId} одобрен`);
    await eventually(async () =>
      expect((await status(orderId, token)).aftercare.return).toMatchObject({ stage: 'approved', reason: 'damaged', method: 'pickup-point' }),
    );

    const stages: [string, object, string, string][] = [
      ['2026-01-06T10:00:00Z', { stage: 'handed-over' }, 'handed-over', 'return-handed-over'],
      ['2026-01-08T10:00:00Z', { stage: 'received' }, 'received', 'return-received'],
      ['2026-01-09T10:00:00Z', { stage: 'refunded', amount: 129.9, currency: 'BRL', method: 'original-payment' }, 'refunded', 'refund-issued'],
    ];
    for (const [day, body, stage, kind] of stages) {
      await clockTo(day);
      const res = await post(`/ops/orders/${orderId}/returns/ret-1/stages`, ops, body);
      expect(res.statusCode).toBe(201);
      await eventually(async () => expect((await status(orderId, token)).aftercare.return.stage).toBe(stage));
      await pushed(orderId, kind);
    }
    expect((await post(`/ops/orders/${orderId}/returns/ret-1/stages`, token, { stage: 'received' })).statusCode).toBe(403);
    const doc = await status(orderId, token);
    expect(doc.aftercare.return.refund).toEqual({ amount: 129.9, currency: 'BRL', method: 'original-payment' });
    expect(doc.timeline.map((e: { type: string }) => e.type).slice(-6)).toEqual([
      'Delivered',
      'ReturnRequested',
      'ReturnApproved',
      'ReturnHandedOver',
      'ReturnReceived',
      'RefundIssued',
    ]);
    const [refund] = pushes(orderId, 'refund-issued');
    expect(refund.text).toContain('Мы вернули');
    expect(refund.text).toContain('129,90');
  });

  it('a return asked after the window is rejected, and the customer is told why', async () => {
    const orderId = newOrderId();
    await customer('c-late-ret');
    expect((await t.webhook('warehouse', { ...orderPlaced(orderId, 'c-late-ret'), productCategory: 'moveis_decoracao' })).statusCode).toBe(202);
    expect((await t.webhook('courier', courier(orderId, 'DELIVERED', '2026-01-05T10:00:00Z'))).statusCode).toBe(202);
    await clockTo('2026-01-13T10:00:00Z'); // the window (7 days, config/aftercare-policy.json) closed on the 12th
    const res = await post(`/orders/${orderId}/returns`, tokenFor('c-late-ret'), { requestId: 'r-late', reason: 'no-longer-needed', method: 'courier' });
    expect(res.json()).toEqual({ orderId, requestId: 'r-late', stages: ['requested', 'rejected'] });
    const [told] = await pushed(orderId, 'return-rejected');
    expect(told.text).toContain('The return period for this order has ended');
  });

  it('compensation: concurrent grants give exactly one voucher, audited, announced once', async () => {
    const orderId = newOrderId();
    await customer('c-comp');
    expect((await t.webhook('warehouse', orderPlaced(orderId, 'c-comp'))).statusCode).toBe(202);
    const grant = { voucher: { kind: 'fixed', amount: 25, currency: 'BRL' }, reason: 'customer called twice about the delay' };
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(`/ops/orders/${orderId}/compensation`, ops, grant)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect(answers.find((a) => a.statusCode === 201)!.json()).toMatchObject({ orderId, source: 'ops', grantedBy: 'agent-7', reason: grant.reason });
    expect((await post(`/ops/orders/${orderId}/compensation`, tokenFor('c-comp'), grant)).statusCode).toBe(403);
    expect((await post(`/ops/orders/${orderId}/compensation`, ops, { voucher: { kind: 'percent', percent: 150 }, reason: 'x' })).statusCode).toBe(400);

    // the promise breaks and passes the top tier (14 days) while the parcel is on its way: the policy adds nothing
    await clockTo('2026-01-26T12:00:00Z');
    await new Promise((r) => setTimeout(r, 300));
    const granted = (await stream(orderId)).filter((e) => e.type === 'CompensationGranted');
    expect(granted).toHaveLength(1);
    expect(granted[0].data).toMatchObject({ source: 'ops', grantedBy: 'agent-7', reason: grant.reason });
    const [announced] = await pushed(orderId, 'compensation-granted');
    expect(announced.text).toContain('R$');
    expect(pushes(orderId, 'compensation-granted')).toHaveLength(1);
    expect((await status(orderId)).aftercare.compensation).toMatchObject({ source: 'ops', voucher: { kind: 'fixed', amount: 25, currency: 'BRL' } });
  });

  it('compensation by policy: a delivery 4 days late earns the 3-day tier once, announced in the customer language', async () => {
    const orderId = newOrderId();
    await customer('c-policy', 'ru');
    expect((await t.webhook('warehouse', orderPlaced(orderId, 'c-policy'))).statusCode).toBe(202); // promised by 2026-01-10
    expect((await t.webhook('warehouse', warehouse(orderId, 'parcel.handed_over', '2026-01-02T10:00:00Z'))).statusCode).toBe(202);
    expect((await t.webhook('courier', courier(orderId, 'DELIVERED', '2026-01-14T15:00:00Z'))).statusCode).toBe(202);
    const [announced] = await pushed(orderId, 'compensation-granted');
    expect(announced.text).toContain('купон на 10');
    await clockTo('2026-01-20T00:00:00Z');
    await new Promise((r) => setTimeout(r, 300));
    const granted = (await stream(orderId)).filter((e) => e.type === 'CompensationGranted');
    expect(granted.map((e) => e.data)).toEqual([
      expect.objectContaining({ source: 'policy', daysLate: 4, voucher: { kind: 'percent', percent: 10 }, occurredAt: '2026-01-14T15:00:00.000Z' }),
    ]);
    expect(pushes(orderId, 'compensation-granted')).toHaveLength(1);
  });
});
