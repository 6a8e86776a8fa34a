import { AftercareReactor, handleCommand } from '@ot/application';
import type { CompensationPolicy, OrderEvent, PartnerEvent } from '@ot/domain';
import { InMemoryEventStore } from '@ot/event-store';
import { partnerEvent, placed, processOn } from '@ot/testing';

const policy: CompensationPolicy = {
  timeZone: 'UTC',
  tiers: [
    { fromDaysLate: 3, voucher: { kind: 'percent', percent: 10 } },
    { fromDaysLate: 14, voucher: { kind: 'fixed', amount: 50, currency: 'BRL' } },
  ],
};
const broken: OrderEvent = { type: 'PromiseBroken', data: { orderId: 'o1', promisedBy: '2026-01-10', detectedAt: '2026-01-11T00:00:00.000Z' } };

/** Records the history, shows it to a fresh reactor, reacts at each instant; returns what the reactor appended. */
async function run(history: OrderEvent[], ...instants: string[]): Promise<OrderEvent[]> {
  const store = new InMemoryEventStore();
  for (const e of history) {
    if (e.type === 'OrderPlaced' || 'partner' in e.data) await handleCommand(store, 'o1', { type: 'RecordPartnerEvent', data: { event: e as PartnerEvent } });
    else await store.appendToStream('order-o1', [e], { expectedVersion: (await store.readStream('order-o1')).version });
  }
  const reactor = new AftercareReactor(store, policy);
  reactor.observe(history);
  for (const at of instants) {
    const before = (await store.readStream('order-o1')).events.length;
    await reactor.react(Date.parse(at));
    reactor.observe((await store.readStream('order-o1')).events.slice(before));
  }
  return (await store.readStream('order-o1')).events.slice(history.length).map(({ type, data }) => ({ type, data }) as OrderEvent);
}

describe('aftercare reactor', () => {
  it('waits while an open order is below the top tier, then grants it dated at the top tier day, whenever a tick notices', async () => {
    expect(await run([placed(), broken], '2026-01-20T00:00:00.000Z')).toEqual([]);
    const early = await run([placed(), broken], '2026-01-24T00:00:00.000Z', '2026-01-24T06:00:00.000Z');
    const late = await run([placed(), broken], '2026-02-03T17:00:00.000Z');
    expect(early).toEqual(late); // a replay grants the same event however its ticks fell
    expect(early).toEqual([
      {
        type: 'CompensationGranted',
        data: expect.objectContaining({ daysLate: 14, voucher: { kind: 'fixed', amount: 50, currency: 'BRL' }, occurredAt: '2026-01-24T00:00:00.000Z' }),
      },
    ]);
  });

  it('grants a late delivery the tier its final lateness reached, dated at the delivery; nothing below the first tier', async () => {
    const deliveredOn = (day: string) => partnerEvent('Delivered', `${day}T15:00:00.000Z`);
    const fourDays = await run(
      [placed(), deliveredOn('2026-01-14'), { ...broken, data: { ...broken.data, detectedAt: '2026-01-14T15:00:00.000Z' } }],
      '2026-01-14T16:00:00.000Z',
    );
    expect(fourDays).toEqual([
      {
        type: 'CompensationGranted',
        data: expect.objectContaining({ daysLate: 4, voucher: { kind: 'percent', percent: 10 }, occurredAt: '2026-01-14T15:00:00.000Z' }),
      },
    ]);
    expect(await run([placed(), deliveredOn('2026-01-12'), broken], '2026-02-01T00:00:00.000Z')).toEqual([]);
  });

  it('sends an uncollected parcel back once its deadline has passed, not before', async () => {
    const arrived = partnerEvent(
      'ArrivedAtPickupPoint',
      '2026-01-05T10:00:00.000Z',
      { pickupPoint: { pointId: 'pp1', address: 'Rua A 1', storageDeadline: '2026-01-08T18:00:00.000Z' } },
      { partner: 'pickup-point' },
    );
    expect(await run([placed(), arrived], '2026-01-08T17:00:00.000Z')).toEqual([]);
    expect((await run([placed(), arrived], '2026-01-08T19:00:00.000Z', '2026-01-09T19:00:00.000Z')).map((e) => e.type)).toEqual([
      'StorageExpired',
      'RefundStarted',
    ]);
  });

  it('grants the orders due at one instant at once, so their appends can share a commit', async () => {
    const { store, counts } = processOn(new InMemoryEventStore());
    const reactor = new AftercareReactor(store, policy);
    const ids = ['o1', 'o2', 'o3'];
    for (const orderId of ids) {
      await handleCommand(store, orderId, { type: 'RecordPartnerEvent', data: { event: placed(orderId) } });
      await store.appendToStream(`order-${orderId}`, [{ ...broken, data: { ...broken.data, orderId } }], { expectedVersion: 1 });
      reactor.observe((await store.readStream(`order-${orderId}`)).events);
    }
    expect(await reactor.react(Date.parse('2026-02-03T17:00:00.000Z'))).toEqual({ evaluated: 3, appended: 3, rejected: 0 });
    expect(counts.mostReadsAtOnce).toBe(ids.length); // one after the other, it would be 1
  });
});
