import { EtaPipelineRunner } from '../../apps/order-service/src/status/eta-pipeline.runner';
import { eventually } from '@ot/testing';
import { courier, newOrderId, orderPlaced } from './support/payloads';
import { startTestApp, type TestApp } from './support/test-app';

const DAY = 86_400_000;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** GET /orders/:id with the ETA projection and the delay reactor running on wall time. */
describe('ETA and delay state in the status API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RUN_ETA: 'true' });
  });
  afterAll(() => t.close());

  const place = async (orderId: string, placedAgoDays: number, promisedInDays: number): Promise<void> => {
    const now = Date.now();
    const body = { ...orderPlaced(orderId, 'c1', new Date(now - placedAgoDays * DAY).toISOString()), promisedDate: isoDay(now + promisedInDays * DAY) };
    expect((await t.webhook('warehouse', body)).statusCode).toBe(202);
    await t.app.get(EtaPipelineRunner).settle();
  };

  it('shows a predicted delivery window for a fresh order, not delayed', async () => {
    const orderId = newOrderId();
    await place(orderId, 0, 30);
    const doc = await eventually(async () => {
      const body = (await t.getOrder(orderId)).json();
      if (!body.eta) throw new Error('no eta yet');
      return body;
    });
    const { expected, by, window, confidence } = doc.eta;
    // the window is the likely range; "by" is a higher quantile (what we dare promise), so it may lie past it
    expect(window.earliest <= expected && expected <= window.latest && expected <= by).toBe(true);
    expect(expected >= isoDay(Date.now())).toBe(true);
    expect(confidence).toBeGreaterThanOrEqual(0);
    expect(doc.delay).toMatchObject({ isDelayed: false, promiseBroken: false });
  });

  it('flags a broken promise when the promised date has passed undelivered', async () => {
    const orderId = newOrderId();
    await place(orderId, 20, -5);
    const doc = await eventually(async () => {
      const body = (await t.getOrder(orderId)).json();
      if (!body.delay.promiseBroken) throw new Error('not flagged yet');
      return body;
    });
    expect(doc.delay.promiseBroken).toBe(true);
    expect(doc.timeline.map((e: { type: string }) => e.type)).toEqual(['OrderPlaced']); // system conclusions are not partner scans
    expect(doc.delay).toMatchObject({ state: 'late', isDelayed: true, atRisk: false }); // one answer, not two that disagree
  });

  it("turns a courier's address problem into a delay with its reason and a new date after the promise, which the ETA agrees with", async () => {
    const orderId = newOrderId();
    await place(orderId, 1, 20);
    const now = Date.now();
    expect((await t.webhook('courier', courier(orderId, 'PICKED_UP', new Date(now - DAY / 2).toISOString()))).statusCode).toBe(202);
    const problem = courier(orderId, 'EXCEPTION', new Date(now - 60_000).toISOString(), { exceptionCode: 'ADDRESS_PROBLEM', reason: 'no house number' });
    expect((await t.webhook('courier', problem)).statusCode).toBe(202);
    await t.app.get(EtaPipelineRunner).settle();
    const doc = await eventually(async () => {
      const body = (await t.getOrder(orderId)).json();
      if (!body.delay.isDelayed || !body.eta) throw new Error('no alert yet');
      return body;
    });
    expect(doc.delay).toMatchObject({ state: 'at-risk', isDelayed: true, atRisk: true, promiseBroken: false, reason: 'address-problem' });
    expect(doc.delay.newExpected > doc.promisedBy && doc.delay.newExpected > isoDay(now)).toBe(true);
    expect(doc.eta.expected >= doc.delay.newExpected).toBe(true); // never "at risk" beside an ETA inside the promise
  });
});

/** CLOCK=event-time, as `npm run replay` uses it: history runs on its own time, signatures on wall time. */
describe('replaying history on the event-time clock', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RUN_ETA: 'true', CLOCK: 'event-time' });
  });
  afterAll(() => t.close());

  it('accepts freshly signed webhooks about 2017 and forecasts in 2017', async () => {
    const orderId = newOrderId();
    const body = { ...orderPlaced(orderId, 'c1', '2017-03-01T12:00:00-03:00'), promisedDate: '2017-03-25' };
    expect((await t.webhook('warehouse', body)).statusCode).toBe(202); // signed now: transport time is wall time
    await t.app.get(EtaPipelineRunner).settle();
    const doc = await eventually(async () => {
      const res = (await t.getOrder(orderId)).json();
      if (!res.eta) throw new Error('no eta yet');
      return res;
    });
    expect(doc.eta.updatedAt.startsWith('2017-03-01')).toBe(true);
    expect(doc.eta.expected >= '2017-03-01' && doc.eta.expected < '2017-06-01').toBe(true);
    expect(doc.delay.promiseBroken).toBe(false);
  });
});
