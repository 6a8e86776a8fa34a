import { EtaProjection, handleCommand, noTelemetry } from '@ot/application';
import type { OrderEvent, PartnerEvent } from '@ot/domain';
import { InMemoryEventStore } from '@ot/event-store';
import { InMemoryEtaViewStore } from '@ot/read-model';
import { partnerEvent, placed } from '@ot/testing';

/** The ETA error an operator sees is measured against the expected day the order's view (GET) showed last. */
describe('ETA projection: delivered against the expected day shown', () => {
  it('reports, per delivery, the days between the delivery day and the expected day shown before it', async () => {
    const store = new InMemoryEventStore();
    const views = new InMemoryEtaViewStore();
    const reported: number[] = [];
    const projection = new EtaProjection(views, undefined, { ...noTelemetry, deliveredAgainstEta: (days) => void reported.push(days) });
    const record = (e: OrderEvent) => handleCommand(store, e.data.orderId, { type: 'RecordPartnerEvent', data: { event: e as PartnerEvent } });

    await record(placed('o1', { occurredAt: '2026-03-02T12:00:00.000Z', promisedBy: '2026-03-20' }));
    await record(partnerEvent('HandedToCarrier', '2026-03-03T12:00:00.000Z', {}, { orderId: 'o1', partner: 'warehouse' }));
    await projection.apply(await store.readAll(0, 100));
    const told = (await views.get('o1'))!.expected; // what GET /orders/:id showed before the delivery
    expect(reported).toEqual([]);

    await record(partnerEvent('Delivered', '2026-03-09T15:00:00.000Z', {}, { orderId: 'o1' }));
    await projection.apply(await store.readAll(0, 100));
    expect(reported).toEqual([(Date.parse('2026-03-09') - Date.parse(told)) / 86_400_000]);
    expect(await views.get('o1')).toBeUndefined();
  });
});
