import { InMemoryEventStore } from '@ot/event-store';
import { InMemoryEtaViewStore } from '@ot/read-model';
import { deliveredOrder, FakeClock, placed } from '@ot/testing';
import { startEtaPipeline } from './eta.pipeline';
import { EtaProjection } from './eta.projection';

/**
 * Two ETA workers split by partition (docs/SCALING.md): each learns from every delivery in the log,
 * forecasts only the orders it owns, and a survivor that is handed the other's orders forecasts them.
 */
describe('ETA pipeline split between workers', () => {
  const ids = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  const even = (orderId: string) => Number(orderId.replace(/\D/g, '')) % 2 === 0;

  it('learns from every delivery on both workers, forecasts each order on one of them, and the survivor takes over', async () => {
    const store = new InMemoryEventStore();
    for (const id of ids(20, 'd')) await store.appendToStream(`order-${id}`, deliveredOrder(id), { expectedVersion: 0 });
    for (const id of ids(10, 'o')) await store.appendToStream(`order-${id}`, [placed(id)], { expectedVersion: 0 });

    const clock = new FakeClock('2026-01-01T12:00:00.000Z');
    let secondAlive = true;
    const views = [new InMemoryEtaViewStore(), new InMemoryEtaViewStore()];
    const first = await startEtaPipeline({ store, clock, etaStore: views[0], owns: (id) => even(id) || !secondAlive });
    const second = await startEtaPipeline({ store, clock, etaStore: views[1], owns: (id) => !even(id) });
    await Promise.all([first.settle(), second.settle()]);

    expect(first.projection.learner.snapshot()).toEqual(second.projection.learner.snapshot()); // the same 20 deliveries learned
    const forecastBy = async (i: number) => (await views[i].all()).map((v) => v.orderId).sort();
    expect(await forecastBy(0)).toEqual(['o0', 'o2', 'o4', 'o6', 'o8']);
    expect(await forecastBy(1)).toEqual(['o1', 'o3', 'o5', 'o7', 'o9']);
    expect([first.projection.ownedOpenCount(), second.projection.ownedOpenCount()]).toEqual([5, 5]);

    await second.stop();
    secondAlive = false; // the group hands its partitions to the survivor, which forecasts them at once
    await first.tick();
    expect(await forecastBy(0)).toEqual(ids(10, 'o').sort());
    await first.stop();
  });

  it('writes its own forecasts when a worker sharing its view and checkpoint committed a later position first', async () => {
    const store = new InMemoryEventStore();
    for (const id of ids(10, 'o')) await store.appendToStream(`order-${id}`, [placed(id)], { expectedVersion: 0 });
    const shared = new InMemoryEtaViewStore();
    const [a, b] = [new EtaProjection(shared, undefined, undefined, even), new EtaProjection(shared, undefined, undefined, (id) => !even(id))];
    await Promise.all([a.checkpoint(), b.checkpoint()]); // both started before any event
    const events = await store.readAll(0, 100);
    await b.project(events); // the shared checkpoint moves past a's first batch
    await a.project(events);
    expect((await shared.all()).map((v) => v.orderId).sort()).toEqual(ids(10, 'o').sort());
  });
});
