import { EventTimeClock, type EventStore, handleCommand, startEtaPipeline } from '@ot/application';
import { addDays, type OrderEvent, type PartnerEvent } from '@ot/domain';
import { InMemoryEventStore } from '@ot/event-store';
import { InMemoryEtaViewStore } from '@ot/read-model';
import { partnerEvent, placed } from '@ot/testing';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (base: string, ms: number): string => new Date(Date.parse(base) + ms).toISOString();
const when = (e: OrderEvent): number => Date.parse((e.data as { occurredAt: string }).occurredAt);

/** What a webhook does: the event-time clock observes the event, then the decider records it. */
async function ingest(store: EventStore, clock: EventTimeClock, e: OrderEvent): Promise<void> {
  clock.observe(when(e));
  await handleCommand(store, e.data.orderId, { type: 'RecordPartnerEvent', data: { event: e as PartnerEvent } });
}

/** The system's conclusions per order, in stream order: what customers are told. */
async function conclusions(store: EventStore): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const e of await store.readAll(0, 100_000)) {
    if ('partner' in e.data) continue;
    (out[e.data.orderId] ??= []).push(JSON.stringify({ type: e.type, data: e.data }));
  }
  return out;
}

/**
 * Three weeks of orders with fast and slow parcels, silent ones, partner delays, late scans and a
 * cancellation, in the order they happened (a small LCG keeps it the same on every run).
 */
function journey(): OrderEvent[] {
  let seed = 7;
  const rand = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const events: OrderEvent[] = [];
  for (let i = 0; i < 60; i++) {
    const id = `j${i}`;
    const t0 = at('2017-03-01T12:00:00.000Z', Math.floor(rand() * 20 * DAY));
    const handoff = (0.5 + rand() * 3) * DAY;
    const transit = (1 + rand() * (i % 5 === 0 ? 12 : 4)) * DAY;
    events.push(placed(id, { occurredAt: t0, promisedBy: addDays(t0.slice(0, 10), 4 + Math.floor(rand() * 5)) }));
    if (i % 11 === 3) {
      events.push(partnerEvent('OrderCanceled', at(t0, handoff / 2), {}, { orderId: id, partner: 'warehouse' }));
      continue;
    }
    events.push(partnerEvent('HandedToCarrier', at(t0, handoff), {}, { orderId: id, partner: 'warehouse' }));
    if (i % 7 === 2) events.push(partnerEvent('DelayReported', at(t0, handoff + transit / 3), { reason: 'weather' }, { orderId: id }));
    if (i % 9 === 4) continue; // never arrives
    events.push(partnerEvent('Delivered', at(t0, handoff + transit), {}, { orderId: id }));
    if (i % 6 === 1) events.push(partnerEvent('InTransit', at(t0, handoff + transit / 2), { location: { state: 'RJ' } }, { orderId: id })); // a late scan
  }
  return events.sort((a, b) => when(a) - when(b));
}

type Timing = { readBatch: number; settleEvery: number; live: boolean };

/**
 * Replays the journey, settling after every `settleEvery` events. Live, the subscription projects
 * as events land (and the poll timer fires when it will); otherwise the pipeline only hears of them
 * at settle(), so ingestion runs ahead of it and the decider already holds later news.
 */
async function replay({ readBatch, settleEvery, live }: Timing, end: 'stop' | 'tick' | 'restart' = 'stop'): Promise<Record<string, string[]>> {
  const store = new InMemoryEventStore();
  const events = journey();
  const clock = new EventTimeClock(when(events[0]) - 1);
  const deaf: EventStore = Object.assign(Object.create(store) as EventStore, { subscribeToAll: () => ({ stop: async () => undefined }) });
  const pipeline = await startEtaPipeline({
    store: live ? store : deaf,
    clock,
    etaStore: new InMemoryEtaViewStore(),
    tickEveryMs: 6 * HOUR,
    pollEveryMs: 1,
    readBatch,
  });
  for (const [i, e] of events.entries()) {
    await ingest(store, clock, e);
    if ((i + 1) % settleEvery === 0) await pipeline.settle();
  }
  await pipeline.settle();
  if (end === 'tick') await pipeline.tick();
  await pipeline.stop();
  if (end === 'restart') {
    const again = await startEtaPipeline({ store, clock, etaStore: new InMemoryEtaViewStore(), tickEveryMs: 6 * HOUR, readBatch });
    await again.settle();
    await again.stop();
  }
  return conclusions(store);
}

/** Replays the journey live, stops, and starts again on `etaStore` (kept: resumes from the saved state) or a fresh one (refolds the log). */
async function restartedOn(kept: boolean): Promise<{ predictions: unknown[]; conclusions: Record<string, string[]>; refolded: number }> {
  const store = new InMemoryEventStore();
  const events = journey();
  const clock = new EventTimeClock(when(events[0]) - 1);
  const etaStore = new InMemoryEtaViewStore();
  const pipeline = await startEtaPipeline({ store, clock, etaStore, tickEveryMs: 6 * HOUR, readBatch: 1000 });
  for (const e of events) {
    await ingest(store, clock, e);
    await pipeline.settle();
  }
  await pipeline.stop();
  const readAll = jest.spyOn(store, 'readAll');
  const again = await startEtaPipeline({ store, clock, etaStore: kept ? etaStore : new InMemoryEtaViewStore(), tickEveryMs: 6 * HOUR, readBatch: 1000 });
  await again.settle();
  const refolded = (await Promise.all(readAll.mock.results.map((r) => r.value as Promise<unknown[]>))).reduce((n, page) => n + page.length, 0);
  readAll.mockRestore();
  const predictions = again.projection.watched().map((w) => ({ id: w.watch.orderId, p: w.prediction }));
  await again.stop();
  return { predictions, conclusions: await conclusions(store), refolded };
}

describe('ETA pipeline replays', () => {
  it('a restart resumes from the saved learner and open orders: the same forecasts as a rebuild from the whole log, without refolding it', async () => {
    const resumed = await restartedOn(true);
    const rebuilt = await restartedOn(false);
    expect(resumed.predictions.length).toBeGreaterThan(0);
    expect(resumed.predictions).toEqual(rebuilt.predictions);
    expect(resumed.conclusions).toEqual(rebuilt.conclusions);
    expect(rebuilt.refolded).toBeGreaterThan(100);
    expect(resumed.refolded).toBeLessThan(rebuilt.refolded / 10); // only what the catch-up tick appended
  });

  it('a state saved beside another log is not restored: the learner is rebuilt from this log', async () => {
    const etaStore = new InMemoryEtaViewStore();
    const [first, second] = [new InMemoryEventStore(), new InMemoryEventStore()];
    const events = journey();
    for (const [store, prefix] of [
      [first, 'j'],
      [second, 'k'],
    ] as const) {
      const clock = new EventTimeClock(when(events[0]) - 1);
      const pipeline = await startEtaPipeline({ store, clock, etaStore, tickEveryMs: 6 * HOUR, readBatch: 1000 });
      for (const e of events) await ingest(store, clock, { ...e, data: { ...e.data, orderId: e.data.orderId.replace('j', prefix) } } as OrderEvent);
      await pipeline.settle();
      const watched = pipeline.projection.watched().map((w) => w.watch.orderId);
      await pipeline.stop();
      expect(watched.length).toBeGreaterThan(0);
      expect(watched.every((id) => id.startsWith(prefix))).toBe(true); // the second run: not the first log's orders
    }
  });

  it('give the same conclusions whatever the batch sizes and however the subscription and timer drained them', async () => {
    const reference = await replay({ readBatch: 1000, settleEvery: 1, live: true });
    const told = Object.values(reference)
      .flat()
      .map((e) => JSON.parse(e) as OrderEvent);
    const kinds = new Set(told.map((e) => `${e.type}${'reason' in e.data ? `:${e.data.reason}` : ''}`));
    // every kind of conclusion happened, so the comparison below covers each of them
    expect([...kinds].sort()).toEqual(['DelayCleared', 'DelayPredicted:eta-beyond-promise', 'DelayPredicted:weather', 'EtaRevised', 'PromiseBroken']);
    const timings = [
      { readBatch: 1, settleEvery: 1, live: true },
      { readBatch: 7, settleEvery: 13, live: true },
      { readBatch: 1000, settleEvery: 1000, live: true },
      { readBatch: 7, settleEvery: 13, live: false },
      { readBatch: 1000, settleEvery: 1000, live: false },
    ];
    for (const timing of timings) expect(await replay(timing)).toEqual(reference);
  });

  it('restart without judging history again: only the one catch-up judgement a live tick would make', async () => {
    const live = { readBatch: 1000, settleEvery: 1, live: true };
    expect(await replay(live, 'restart')).toEqual(await replay(live, 'tick'));
  });

  it('never re-forecast at an instant before the last event processed: no date before the order was placed', async () => {
    const store = new InMemoryEventStore();
    const clock = new EventTimeClock('2017-03-01T00:00:00.000Z');
    const etaStore = new InMemoryEtaViewStore();
    // the pipeline lags (it hears of events only when it polls), as during a fast HTTP replay
    const lagging: EventStore = Object.assign(Object.create(store) as EventStore, { subscribeToAll: () => ({ stop: async () => undefined }) });
    const pipeline = await startEtaPipeline({ store: lagging, clock, etaStore, tickEveryMs: 2 * HOUR, pollEveryMs: 5 });
    // parcels here are handed over and delivered within hours: an order is expected the day it is placed
    for (let i = 0; i < 40; i++) {
      const t0 = at('2017-03-01T06:00:00.000Z', i * HOUR);
      await ingest(store, clock, placed(`h${i}`, { occurredAt: t0, promisedBy: '2017-03-31' }));
      await ingest(store, clock, partnerEvent('HandedToCarrier', at(t0, 2 * HOUR), {}, { orderId: `h${i}`, partner: 'warehouse' }));
      await ingest(store, clock, partnerEvent('Delivered', at(t0, 5 * HOUR), {}, { orderId: `h${i}` }));
    }
    const placedAt = '2017-03-04T15:00:00.000Z';
    await ingest(store, clock, placed('new', { occurredAt: placedAt, promisedBy: '2017-03-20' }));
    await new Promise((resolve) => setTimeout(resolve, 50)); // the poll timer catches up
    await pipeline.settle();

    const told = (await store.readStream('order-new')).events.flatMap((e) => ('newExpected' in e.data && e.data.newExpected ? [e.data.newExpected] : []));
    expect(told.filter((day) => day < placedAt.slice(0, 10))).toEqual([]);
    const eta = (await etaStore.get('new'))!;
    expect(eta.updatedAt >= placedAt && eta.expected >= placedAt.slice(0, 10)).toBe(true);
    await pipeline.stop();
  });

  it('catch up after a pause with one re-forecast at the current instant', async () => {
    const store = new InMemoryEventStore();
    const clock = new EventTimeClock('2017-03-01T00:00:00.000Z');
    const pipeline = await startEtaPipeline({ store, clock, etaStore: new InMemoryEtaViewStore(), tickEveryMs: 2 * HOUR });
    await ingest(store, clock, placed('a', { occurredAt: '2017-03-01T09:00:00.000Z', promisedBy: '2017-03-20' }));
    await pipeline.settle();
    const refresh = jest.spyOn(pipeline.projection, 'refresh');
    await ingest(store, clock, placed('b', { occurredAt: '2017-03-04T09:30:00.000Z', promisedBy: '2017-03-20' })); // three quiet days
    await pipeline.settle();
    expect(refresh.mock.calls.map(([now]) => now)).toEqual(['2017-03-04T08:00:00.000Z']); // the last boundary before the news, once
    await pipeline.stop();
  });
});
