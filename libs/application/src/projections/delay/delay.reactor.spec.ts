import { EventTimeClock, type EventStore, handleCommand, startEtaPipeline } from '@ot/application';
import type { OrderEvent, PartnerEvent } from '@ot/domain';
import { InMemoryEventStore } from '@ot/event-store';
import { InMemoryEtaViewStore } from '@ot/read-model';
import { partnerEvent, placed } from '@ot/testing';

const DAY = 86_400_000;
const at = (base: string, days: number): string => new Date(Date.parse(base) + days * DAY).toISOString();
const record = (store: EventStore, e: OrderEvent) =>
  handleCommand(store, e.data.orderId, { type: 'RecordPartnerEvent', data: { event: e as PartnerEvent } });

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
});
