import { DelayReactor, EventTimeClock, type EventStore, evolveStatusView, handleCommand, type StatusView, startEtaPipeline } from '@ot/application';
import type { OrderEvent, PartnerEvent } from '@ot/domain';
import { InMemoryEventStore } from '@ot/event-store';
import { InMemoryEtaViewStore } from '@ot/read-model';
import { partnerEvent, placed, processOn } from '@ot/testing';

const DAY = 86_400_000;
const at = (base: string, days: number): string => new Date(Date.parse(base) + days * DAY).toISOString();
const record = (store: EventStore, e: OrderEvent) => handleCommand(store, e.data.orderId, { type: 'RecordPartnerEvent', data: { event: e as PartnerEvent } });

/** 40 delivered orders that each took 1 day to hand over and 3 to deliver, up to mid-March. */
async function history(store: EventStore): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const t0 = at('2017-03-01T12:00:00.000Z', i * 0.25);
    await record(store, placed(`h${i}`, { occurredAt: t0, promisedBy: '2017-03-31' }));
    await record(store, partnerEvent('HandedToCarrier', at(t0, 1), {}, { orderId: `h${i}`, partner: 'warehouse' }));
    await record(store, partnerEvent('Delivered', at(t0, 4), {}, { orderId: `h${i}` }));
  }
}

const systemEvents = async (store: EventStore, orderId: string) =>
  (await store.readStream(`order-${orderId}`)).events.filter((e) => !('partner' in e.data)).map((e) => e.type);

/** A store with the delivered history, and the ETA pipeline (with its delay reactor) on an event-time clock at 2017-03-20 noon. */
async function pipelineAfterHistory() {
  const store = new InMemoryEventStore();
  await history(store);
  const pipeline = await startEtaPipeline({ store, clock: new EventTimeClock('2017-03-20T12:00:00.000Z'), etaStore: new InMemoryEtaViewStore() });
  return { store, pipeline };
}

describe('delay reactor (through the ETA pipeline)', () => {
  it('flags a silent parcel on a clock tick before its promise day, then breaks the promise after it', async () => {
    const { store, pipeline } = await pipelineAfterHistory();
    await record(store, placed('quiet', { occurredAt: '2017-03-20T12:00:00.000Z', promisedBy: '2017-03-30' }));
    await record(store, partnerEvent('HandedToCarrier', '2017-03-21T12:00:00.000Z', {}, { orderId: 'quiet', partner: 'warehouse' }));
    await pipeline.settle();
    expect(await systemEvents(store, 'quiet')).toEqual([]); // expected ~03-24, well inside the promise

    for (let day = 1; day <= 7; day++) await pipeline.tick(new Date(at('2017-03-21T15:00:00.000Z', day)));
    const events = await systemEvents(store, 'quiet');
    expect(events).toContain('DelayPredicted'); // silent far beyond the 3 days transit takes, before 03-30
    const alert = (await store.readStream('order-quiet')).events.find((e) => e.type === 'DelayPredicted')!;
    expect(alert.data).toMatchObject({ reason: 'no-scan-expected-by-now', promisedBy: '2017-03-30' });

    await pipeline.tick(new Date('2017-03-31T02:59:00.000Z')); // 23:59 on the 30th in Sao Paulo
    expect(await systemEvents(store, 'quiet')).not.toContain('PromiseBroken');
    await pipeline.tick(new Date('2017-03-31T03:01:00.000Z'));
    expect(await systemEvents(store, 'quiet')).toContain('PromiseBroken');
    await pipeline.stop();
  });

  it('appends nothing more when ticked again with nothing new (the decider drops repeats)', async () => {
    const { store, pipeline } = await pipelineAfterHistory();
    await record(store, placed('p', { occurredAt: '2017-03-20T12:00:00.000Z', promisedBy: '2017-03-22' }));
    await pipeline.tick(new Date('2017-03-20T13:00:00.000Z'));
    const after = (await store.readAll(0, 10_000)).length;
    await pipeline.tick(new Date('2017-03-20T13:00:00.000Z'));
    await pipeline.settle();
    expect((await store.readAll(0, 10_000)).length).toBe(after);
    expect(await systemEvents(store, 'p')).toEqual(['DelayPredicted']); // 1 + 3 days does not fit a 2-day promise
    await pipeline.stop();
  });

  it('serves the forecast through the reader it returns', async () => {
    const { store, pipeline } = await pipelineAfterHistory();
    await record(store, placed('r', { occurredAt: '2017-03-20T12:00:00.000Z', promisedBy: '2017-03-31' }));
    await pipeline.settle();
    expect(await pipeline.reader.get('r')).toMatchObject({ orderId: 'r', expected: '2017-03-24' });
    await pipeline.stop();
  });

  it('turns a partner delay into an alert with its reason, a date after the promise and after today, and views that agree', async () => {
    const { store, pipeline } = await pipelineAfterHistory();
    await record(store, placed('storm', { occurredAt: '2017-03-20T12:00:00.000Z', promisedBy: '2017-03-26' }));
    await record(store, partnerEvent('HandedToCarrier', '2017-03-21T12:00:00.000Z', {}, { orderId: 'storm', partner: 'warehouse' }));
    await record(store, partnerEvent('DelayReported', '2017-03-22T12:00:00.000Z', { reason: 'weather', detail: 'flooded road' }, { orderId: 'storm' }));
    await pipeline.settle();

    const events = (await store.readStream('order-storm')).events;
    const alerts = events.filter((e) => e.type === 'DelayPredicted').map((e) => e.data);
    // expected ~03-24 by the model, inside the promise: the partner's word alone makes it late
    expect(alerts).toEqual([
      { orderId: 'storm', reason: 'weather', newExpected: '2017-03-27', promisedBy: '2017-03-26', detectedAt: '2017-03-22T12:00:00.000Z' },
    ]);
    const view = events.reduce<StatusView | null>(evolveStatusView, null)!;
    expect(view.delay).toMatchObject({ state: 'at-risk', isDelayed: true, atRisk: true, promiseBroken: false, reason: 'weather', newExpected: '2017-03-27' });
    const eta = (await pipeline.reader.get('storm'))!;
    expect(eta.expected).toBe('2017-03-27'); // not a date before the promise beside an at-risk status
    expect(eta.by >= eta.expected && eta.window.earliest <= eta.expected && eta.window.latest >= eta.expected).toBe(true);

    // news of the parcel moving again lifts the partner's hold; the model's forecast fits again
    await record(store, partnerEvent('InTransit', '2017-03-23T12:00:00.000Z', { location: { state: 'RJ' } }, { orderId: 'storm' }));
    await pipeline.settle();
    expect(await systemEvents(store, 'storm')).toEqual(['DelayPredicted', 'DelayCleared']);
    await pipeline.stop();
  });

  it('records the broken promise of an order delivered after its promised day', async () => {
    const { store, pipeline } = await pipelineAfterHistory();
    await record(store, placed('slow', { occurredAt: '2017-03-20T12:00:00.000Z', promisedBy: '2017-03-21' }));
    await record(store, partnerEvent('Delivered', '2017-03-23T12:00:00.000Z', {}, { orderId: 'slow' }));
    await pipeline.settle();
    const events = (await store.readStream('order-slow')).events;
    expect(events.filter((e) => e.type === 'PromiseBroken').map((e) => e.data)).toEqual([
      { orderId: 'slow', promisedBy: '2017-03-21', detectedAt: '2017-03-23T12:00:00.000Z' },
    ]);
    expect(events.reduce<StatusView | null>(evolveStatusView, null)!.delay).toMatchObject({ state: 'delivered-late', isDelayed: false, promiseBroken: true });
    await pipeline.stop();
  });

  it('records, once rebuilt after a restart, a late delivery that was never judged (a crash, or an older version)', async () => {
    const store = new InMemoryEventStore();
    await history(store);
    await record(store, placed('slow', { occurredAt: '2017-03-20T12:00:00.000Z', promisedBy: '2017-03-21' }));
    await record(store, partnerEvent('Delivered', '2017-03-23T12:00:00.000Z', {}, { orderId: 'slow' }));
    const pipeline = await startEtaPipeline({ store, clock: new EventTimeClock('2017-03-23T12:00:00.000Z'), etaStore: new InMemoryEtaViewStore() });
    await pipeline.settle();
    expect(await systemEvents(store, 'slow')).toEqual(['PromiseBroken']);
    await pipeline.stop();
    const again = await startEtaPipeline({ store, clock: new EventTimeClock('2017-03-23T12:00:00.000Z'), etaStore: new InMemoryEtaViewStore() });
    await again.settle();
    expect(await systemEvents(store, 'slow')).toEqual(['PromiseBroken']); // recorded once, not again at each restart
    await again.stop();
  });

  it('judges the orders of one tick at once, so their alerts can share a commit', async () => {
    const base = new InMemoryEventStore();
    await history(base);
    const { store, counts } = processOn(base);
    const pipeline = await startEtaPipeline({ store, clock: new EventTimeClock('2017-03-20T12:00:00.000Z'), etaStore: new InMemoryEtaViewStore() });
    const ids = ['a', 'b', 'c', 'd', 'e'];
    for (const id of ids) await record(store, placed(id, { occurredAt: '2017-03-20T12:00:00.000Z', promisedBy: '2017-03-22' }));
    await pipeline.settle();
    await pipeline.tick(new Date('2017-03-27T13:00:00.000Z')); // every promise broken by now
    for (const id of ids) expect(await systemEvents(store, id)).toEqual(['DelayPredicted', 'PromiseBroken', 'EtaRevised']);
    expect(counts.mostReadsAtOnce).toBe(ids.length); // one after the other, it would be 1
    await pipeline.stop();
  });
});

describe('delay reactor (many orders at once)', () => {
  it('judges every order, at most 10,000 in flight at a time', async () => {
    const store = new InMemoryEventStore();
    let inFlight = 0;
    let most = 0;
    const counted = new Proxy(store, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (key !== 'readStream' || typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          most = Math.max(most, ++inFlight);
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          } finally {
            inFlight--;
          }
        };
      },
    });
    const prediction = {
      expected: '2017-04-10',
      by: '2017-04-12',
      window: { earliest: '2017-04-09', latest: '2017-04-11' },
      likelyNotBefore: '2017-04-10',
      nextEventDueBy: '2017-04-01T00:00:00.000Z',
      predictedAt: '2017-03-20T12:00:00.000Z',
    };
    // beyond its promise: each asks for a PredictDelay, refused since no such order was placed
    const orders = Array.from({ length: 25_000 }, (_, n) => ({
      watch: { orderId: `none-${n}`, promisedBy: '2017-03-31', delayActive: false, promiseBroken: false },
      prediction,
      asOf: 1,
    }));
    const tally = await new DelayReactor(counted).react(orders);
    expect(tally).toEqual({ evaluated: 25_000, appended: 0, rejected: 25_000 });
    expect(most).toBeGreaterThan(1); // judged at once, sharing commits
    expect(most).toBeLessThanOrEqual(10_000);
  });
});
