import { eventually } from '@ot/testing';
import { bearer, customerActions, DAY, isoDay, type Offer } from './support/customer-actions';
import { courier, newOrderId, orderPlaced, pickupPoint, warehouse } from './support/payloads';
import { PartnerSandbox } from './support/partner-sandbox';
import { SECRETS, startTestApp, type TestApp } from './support/test-app';
const SANDBOX_PORT = Number(process.env.ACTIONS_SANDBOX_PORT ?? 45110);
const MAX_ATTEMPTS = 3;

/**
 * Issue 17, customer actions, over HTTP on the embedded stack: the delay reactor makes the orders late
 * (a promise in the past), customers act, the outbox posts signed webhooks to a partner sandbox on
 * loopback, and the partners' answers come back through their usual webhooks.
 */
describe('customer actions on a late order', () => {
  const sandbox = new PartnerSandbox(SECRETS);
  let t: TestApp;

  beforeAll(async () => {
    const base = await sandbox.start(SANDBOX_PORT);
    t = await startTestApp({
      RUN_ETA: 'true',
      PARTNER_ACTIONS_URL_WAREHOUSE: `${base}/warehouse/actions`,
      PARTNER_ACTIONS_URL_COURIER: `${base}/courier/actions`,
      PARTNER_ACTIONS_URL_PICKUP_POINT: `${base}/pickup-point/actions`,
      PARTNER_OUTBOX_INTERVAL_MS: '20',
      PARTNER_OUTBOX_RETRY_BASE_MS: '20',
      PARTNER_OUTBOX_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
    });
  });
  afterAll(async () => {
    await t.close();
    await sandbox.stop();
  });

  const { actions, act, status, lateOrder } = customerActions(() => t);

  it('offers what a late order allows, with the days the courier offers and the pickup points listed', async () => {
    const withCourier = await lateOrder(true);
    const offers: Offer[] = (await actions(withCourier)).json().actions;
    expect(offers.map((o) => o.type)).toEqual(expect.arrayContaining(['reschedule-delivery', 'switch-to-pickup-point']));
    expect(offers.map((o) => o.type)).not.toContain('cancel'); // it has left the warehouse
    const days = offers.find((o) => o.type === 'reschedule-delivery')!.days!;
    expect(days).toHaveLength(5);
    expect(days.every((d) => d > isoDay(Date.now() - DAY) && new Date(`${d}T12:00:00Z`).getUTCDay() !== 0)).toBe(true);
    expect(offers.find((o) => o.type === 'switch-to-pickup-point')!.pickupPoints).toEqual([
      { pointId: 'pp-sp-paulista', address: 'Av. Paulista 1000, Sao Paulo' },
      { pointId: 'pp-rj-centro', address: 'Rua da Assembleia 10, Rio de Janeiro' },
    ]);
    const inWarehouse = await lateOrder(false);
    expect((await actions(inWarehouse)).json().actions.map((o: Offer) => o.type)).toContain('cancel');
  });

  it("takes a reschedule to the courier signed, and shows the courier's confirmation in the status and timeline", async () => {
    const orderId = await lateOrder(true);
    const day = (await actions(orderId)).json().actions.find((o: Offer) => o.type === 'reschedule-delivery').days[1];
    const response = await act(orderId, { type: 'reschedule-delivery', requestId: 'req-1', day });
    expect(response.statusCode).toBe(202);
    const { actionId } = response.json();
    expect(response.json()).toEqual({ actionId, type: 'reschedule-delivery', state: 'requested' });

    const [call] = await eventually(() => {
      const calls = sandbox.callsFor(actionId);
      if (!calls.length) throw new Error('not delivered yet');
      return calls;
    });
    expect(call).toMatchObject({ path: '/courier/actions', deliveryId: actionId, body: { actionId, orderId, type: 'reschedule-delivery', day } });
    expect((await status(orderId)).actions).toEqual([expect.objectContaining({ actionId, type: 'reschedule-delivery', state: 'requested', day })]);

    const confirmed = courier(orderId, 'ACTION_CONFIRMED', new Date().toISOString(), { actionId });
    expect((await t.webhook('courier', confirmed)).statusCode).toBe(202);
    const doc = await eventually(async () => {
      const body = await status(orderId);
      if (body.actions[0].state !== 'confirmed') throw new Error('answer not projected yet');
      return body;
    });
    expect(doc.actions).toEqual([expect.objectContaining({ actionId, state: 'confirmed', partner: 'courier', day })]);
    expect(doc.timeline.filter((e: { actionId?: string }) => e.actionId === actionId).map((e: { type: string; state: string }) => [e.type, e.state])).toEqual([
      ['CustomerActionRequested', 'requested'],
      ['CustomerActionAnswered', 'confirmed'],
    ]);
    // the same request again: the same action as it stands now, nothing new recorded or sent
    const retry = await act(orderId, { type: 'reschedule-delivery', requestId: 'req-1', day });
    expect([retry.statusCode, retry.json()]).toEqual([200, { actionId, type: 'reschedule-delivery', state: 'confirmed' }]);
    await new Promise((resolve) => setTimeout(resolve, 200)); // several outbox passes
    expect(sandbox.callsFor(actionId)).toHaveLength(1);
    expect((await status(orderId)).actions).toHaveLength(1);
    expect(sandbox.rejected).toEqual([]); // every call carried a valid, fresh signature
  });

  it('answers a repeated request id with the same action, and refuses the id reused for another choice', async () => {
    const orderId = await lateOrder(true);
    const body = { type: 'switch-to-pickup-point', requestId: 'req-same', pickupPointId: 'pp-rj-centro' };
    const [first, second] = await Promise.all([act(orderId, body), act(orderId, body)]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 202]);
    expect(second.json().actionId).toBe(first.json().actionId);
    const reused = await act(orderId, { ...body, pickupPointId: 'pp-sp-paulista' });
    expect([reused.statusCode, reused.json().type]).toEqual([409, 'https://order-tracking.example/problems/request-id-conflict']);
    await eventually(() => {
      if (sandbox.callsFor(first.json().actionId).length !== 1) throw new Error('not delivered yet');
    });
    expect((await status(orderId)).actions).toEqual([
      expect.objectContaining({
        type: 'switch-to-pickup-point',
        state: 'requested',
        pickupPoint: { pointId: 'pp-rj-centro', address: 'Rua da Assembleia 10, Rio de Janeiro' },
      }),
    ]);
  });

  it('refuses with a reason: a cancel after hand-off, a reschedule of a delivered order, an on-track order', async () => {
    const handedOver = await lateOrder(true);
    const cancel = await act(handedOver, { type: 'cancel', requestId: 'req-cancel' });
    expect(cancel.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(cancel.json()).toMatchObject({ status: 409, type: 'https://order-tracking.example/problems/action-not-allowed', reason: 'left-warehouse' });

    const day = (await actions(handedOver)).json().actions.find((o: Offer) => o.type === 'reschedule-delivery').days[0];
    expect((await t.webhook('courier', courier(handedOver, 'DELIVERED', new Date().toISOString()))).statusCode).toBe(202);
    const reschedule = await act(handedOver, { type: 'reschedule-delivery', requestId: 'req-late', day });
    expect(reschedule.json()).toMatchObject({ status: 409, reason: 'order-closed' });
    expect((await actions(handedOver)).json()).toEqual({ orderId: handedOver, actions: [] });

    const onTrack = newOrderId();
    const fresh = { ...orderPlaced(onTrack, 'c1', new Date().toISOString()), promisedDate: isoDay(Date.now() + 20 * DAY) };
    expect((await t.webhook('warehouse', fresh)).statusCode).toBe(202);
    expect((await act(onTrack, { type: 'cancel', requestId: 'r' })).json()).toMatchObject({ status: 409, reason: 'not-delayed' });
    expect((await actions(onTrack)).json().actions).toEqual([]);
  });

  it("answers someone else's order like a missing one, lets ops act, and names the wrong fields of a bad body", async () => {
    const orderId = await lateOrder(false);
    expect((await actions(orderId, bearer('c2'))).statusCode).toBe(404);
    expect((await act(orderId, { type: 'cancel', requestId: 'r-x' }, bearer('c2'))).json()).toMatchObject({
      status: 404,
      type: 'https://order-tracking.example/problems/order-not-found',
    });
    expect((await actions(orderId, {} as ReturnType<typeof bearer>)).statusCode).toBe(401);
    expect((await actions('no-such-order')).statusCode).toBe(404);

    const bad = await act(orderId, { type: 'reschedule-delivery', requestId: '', day: '10/01/2026', extra: 1 });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['day', 'extra', 'requestId']);
    expect((await act(orderId, { type: 'teleport', requestId: 'r' })).json().errors.map((e: { field: string }) => e.field)).toEqual(['type']);
    expect((await act(orderId, { type: 'reschedule-delivery', requestId: 'r-not-offered', day: '2099-01-01' })).statusCode).toBe(409);

    const byOps = await act(orderId, { type: 'cancel', requestId: 'ops-cancel' }, bearer('agent-7', 'ops'));
    expect(byOps.statusCode).toBe(202);
  });

  it('passes a cancel to the warehouse and shows its refusal with the reason', async () => {
    const orderId = await lateOrder(false);
    const { actionId } = (await act(orderId, { type: 'cancel', requestId: 'req-cancel-1' })).json();
    await eventually(() => {
      if (!sandbox.callsFor(actionId).some((c) => c.path === '/warehouse/actions')) throw new Error('not delivered yet');
    });
    const refusal = warehouse(orderId, 'action.refused', new Date().toISOString(), { actionId, reason: 'already packed for the carrier' });
    expect((await t.webhook('warehouse', refusal)).statusCode).toBe(202);
    expect((await t.webhook('warehouse', refusal)).statusCode).toBe(200); // the partner's retry
    const other = await t.webhook('pickup-point', pickupPoint(orderId, 'action_confirmed', new Date().toISOString(), { actionId }));
    expect(other.json()).toMatchObject({ status: 409, reason: 'not-asked' }); // only the partner asked may answer
    const doc = await eventually(async () => {
      const body = await status(orderId);
      if (body.actions[0].state !== 'refused') throw new Error('answer not projected yet');
      return body;
    });
    expect(doc.actions[0]).toMatchObject({ type: 'cancel', state: 'refused', partner: 'warehouse', reason: 'already packed for the carrier' });
  });

  describe('outbound webhook outbox', () => {
    const ops = bearer('ops', 'ops');
    const deadLetters = async () =>
      (await t.app.inject({ method: 'GET', url: '/partner-outbox/dead-letters', headers: ops })).json().items as { deliveryId: string }[];

    it('retries a partner answering 500 until it takes the call', async () => {
      sandbox.answer('/pickup-point/actions', 500, 503);
      const orderId = await lateOrder(true);
      const { actionId } = (await act(orderId, { type: 'switch-to-pickup-point', requestId: 'req-retry', pickupPointId: 'pp-sp-paulista' })).json();
      await eventually(() => {
        if (sandbox.callsFor(actionId).length < 3) throw new Error('still retrying');
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(sandbox.callsFor(actionId)).toHaveLength(3); // two failures, then delivered, and no more
      expect(new Set(sandbox.callsFor(actionId).map((c) => JSON.stringify(c.body))).size).toBe(1); // the same bytes each time
      expect((await deadLetters()).map((d) => d.deliveryId)).not.toContain(actionId);
    });

    it('dead-letters after the last attempt, lists it for ops only, and re-drives it', async () => {
      sandbox.answer('/courier/actions', ...Array(MAX_ATTEMPTS).fill(500));
      const orderId = await lateOrder(true);
      const day = (await actions(orderId)).json().actions.find((o: Offer) => o.type === 'reschedule-delivery').days[0];
      const { actionId } = (await act(orderId, { type: 'reschedule-delivery', requestId: 'req-dead', day })).json();
      const [dead] = await eventually(async () => {
        const items = (await deadLetters()).filter((d) => d.deliveryId === actionId);
        if (!items.length) throw new Error('not dead yet');
        return items;
      });
      expect(dead).toMatchObject({
        deliveryId: actionId,
        orderId,
        partner: 'courier',
        state: 'dead',
        attempts: MAX_ATTEMPTS,
        lastError: 'courier answered 500',
      });
      expect(sandbox.callsFor(actionId)).toHaveLength(MAX_ATTEMPTS);
      expect((await t.app.inject({ method: 'GET', url: '/partner-outbox/dead-letters', headers: bearer() })).statusCode).toBe(403);

      const redrive = await t.app.inject({ method: 'POST', url: `/partner-outbox/dead-letters/${actionId}/redrive`, headers: ops });
      expect([redrive.statusCode, redrive.json()]).toEqual([202, { deliveryId: actionId, state: 'pending' }]);
      await eventually(() => {
        if (sandbox.callsFor(actionId).length !== MAX_ATTEMPTS + 1) throw new Error('not re-sent yet');
      });
      expect((await deadLetters()).map((d) => d.deliveryId)).not.toContain(actionId);
      const again = await t.app.inject({ method: 'POST', url: `/partner-outbox/dead-letters/${actionId}/redrive`, headers: ops });
      expect(again.statusCode).toBe(404); // delivered: nothing to re-drive
    });

    it('keeps a dead letter the order has overtaken (delivered since): 409 dead-letter-stale, nothing sent to the partner', async () => {
      sandbox.answer('/courier/actions', ...Array(MAX_ATTEMPTS).fill(500));
      const orderId = await lateOrder(true);
      const day = (await actions(orderId)).json().actions.find((o: Offer) => o.type === 'reschedule-delivery').days[0];
      const { actionId } = (await act(orderId, { type: 'reschedule-delivery', requestId: 'req-overtaken', day })).json();
      await eventually(async () => {
        if (!(await deadLetters()).some((d) => d.deliveryId === actionId)) throw new Error('not dead yet');
      });
      expect((await t.webhook('courier', courier(orderId, 'DELIVERED', new Date().toISOString()))).statusCode).toBe(202);

      const redrive = await t.app.inject({ method: 'POST', url: `/partner-outbox/dead-letters/${actionId}/redrive`, headers: ops });
      expect(redrive.statusCode).toBe(409);
      expect(redrive.json()).toMatchObject({ type: expect.stringContaining('dead-letter-stale'), detail: expect.stringContaining('Delivered') });
      expect((await deadLetters()).map((d) => d.deliveryId)).toContain(actionId); // kept, for ops to see
      await new Promise((resolve) => setTimeout(resolve, 100)); // a few outbox passes
      expect(sandbox.callsFor(actionId)).toHaveLength(MAX_ATTEMPTS); // the courier is not asked to reschedule a delivered parcel
    });
  });
});
