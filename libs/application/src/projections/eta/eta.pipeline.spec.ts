import { EventTimeClock } from '@ot/application';
import { InMemoryEventStore } from '@ot/event-store';
import { InMemoryEtaViewStore } from '@ot/read-model';
import { eventually, placed } from '@ot/testing';
import { startEtaPipeline } from './eta.pipeline';

describe('ETA pipeline on an event-time clock', () => {
  it('does not replay ticks from the epoch when the first event moves the clock to its time', async () => {
    const store = new InMemoryEventStore();
    const clock = new EventTimeClock(); // starts at 1970 until an event is observed
    const etaStore = new InMemoryEtaViewStore();
    const pipeline = await startEtaPipeline({ store, clock, etaStore, tickEveryMs: 3_600_000 });
    const refresh = jest.spyOn(pipeline.projection, 'refresh'); // one call per tick
    const event = placed('o1', { occurredAt: '2017-03-01T12:00:00.000Z', promisedBy: '2017-03-20' });
    clock.observe(event.data.occurredAt);
    await store.appendToStream('order-o1', [event], { expectedVersion: 0 });
    await pipeline.settle();
    await pipeline.tick();

    // Replaying every hourly tick since 1970 would be ~412,000 re-forecasts of every open order.
    expect(refresh.mock.calls.length).toBeLessThanOrEqual(50);
    const eta = await etaStore.get('o1');
    expect(eta?.updatedAt.startsWith('2017-03-01')).toBe(true);
    expect(eta!.expected >= '2017-03-01').toBe(true);
    await pipeline.stop();
  });

  it('advanceTo(t) records the re-forecasts due before t, so they precede the event at t in the log', async () => {
    const store = new InMemoryEventStore();
    const clock = new EventTimeClock();
    const pipeline = await startEtaPipeline({ store, clock, etaStore: new InMemoryEtaViewStore(), tickEveryMs: 3_600_000 });
    const first = placed('o1', { occurredAt: '2017-03-01T12:00:00.000Z', promisedBy: '2017-03-03' });
    clock.observe(first.data.occurredAt);
    await store.appendToStream('order-o1', [first], { expectedVersion: 0 });
    await pipeline.settle();
    const later = '2017-03-09T12:00:00.000Z'; // days of silence: the next tick sees the promise slip
    await pipeline.advanceTo(new Date(later));
    const before = await store.readAll(0, 100);
    const times = before.map(
      (e) => ('occurredAt' in e.data ? e.data.occurredAt : Object.values(e.data).find((v) => typeof v === 'string' && v.includes('T'))) as string,
    );
    expect(before.length).toBeGreaterThan(1); // the tick concluded something before the clock moved on
    expect(times.every((t) => t < later)).toBe(true);
    await pipeline.stop();
  });

  it('drains a wake up to the page the subscription handed over, not on to a read that finds nothing', async () => {
    const store = new InMemoryEventStore();
    const etaStore = new InMemoryEtaViewStore();
    const pipeline = await startEtaPipeline({ store, clock: new EventTimeClock(), etaStore });
    const read = jest.spyOn(store, 'readAll');
    for (const id of ['o1', 'o2', 'o3']) {
      await store.appendToStream(`order-${id}`, [placed(id, { occurredAt: '2017-03-01T12:00:00.000Z', promisedBy: '2017-03-20' })], { expectedVersion: 0 });
      await eventually(async () => expect(await etaStore.get(id)).toBeDefined());
      await new Promise((r) => setTimeout(r, 20)); // every reader done with this append
    }
    const pages = await Promise.all(read.mock.results.map((r) => r.value as Promise<unknown[]>));
    // per append: the subscription's page and its closing empty read (this store wakes it without a position), and the
    // pipeline's read of the page; the pipeline's own empty read after it is gone
    expect(pages.map((p) => p.length)).toEqual([1, 1, 0, 1, 1, 0, 1, 1, 0]);
    await pipeline.settle(); // settle() still reads until the store has nothing more
    expect(await etaStore.checkpoint()).toBe(3);
    await pipeline.stop();
  });
});
