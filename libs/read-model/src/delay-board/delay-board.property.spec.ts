import { type BoardQuery, DelayBoardProjection, type RecordedEvent } from '@ot/application';
import type { OrderEvent } from '@ot/domain';
import fc from 'fast-check';
import { SqliteDelayBoardStore } from './sqlite.delay-board.store';

const TZ = 'America/Sao_Paulo';
const PROMISE = '2026-01-10';
const DAY = 86_400_000;
const START = Date.parse('2026-01-01T12:00:00.000Z');

type Step = {
  kind: 'handed' | 'transit' | 'out' | 'delivered' | 'canceled' | 'reported' | 'predicted' | 'cleared' | 'broken' | 'revised';
  hours: number;
  days: number;
};
const step = fc.record({
  kind: fc.constantFrom<Step['kind']>('handed', 'transit', 'out', 'delivered', 'canceled', 'reported', 'predicted', 'cleared', 'broken', 'revised'),
  hours: fc.integer({ min: -30, max: 60 }), // negative: a scan that arrives late, older than the status
  days: fc.integer({ min: -3, max: 4 }),
});

/** One order's events as partners and the reactor could append them: nothing after it closed. */
function orderHistory(orderId: string, steps: Step[]): OrderEvent[] {
  const placed: OrderEvent = {
    type: 'OrderPlaced',
    data: {
      orderId,
      partner: 'warehouse',
      partnerEventId: `${orderId}-0`,
      occurredAt: new Date(START).toISOString(),
      customerId: 'c',
      promisedBy: PROMISE,
      origin: { state: 'SP' },
      destination: { state: 'RJ' },
    },
  };
  const events: OrderEvent[] = [placed];
  let clock = START;
  for (const [i, s] of steps.entries()) {
    clock += s.hours * 3_600_000;
    const at = new Date(clock).toISOString();
    const day = new Date(Date.parse(`${PROMISE}T00:00:00Z`) + s.days * DAY).toISOString().slice(0, 10);
    const facts = { orderId, partner: 'courier' as const, partnerEventId: `${orderId}-${i + 1}`, occurredAt: at };
    const next: Record<Step['kind'], OrderEvent> = {
      handed: { type: 'HandedToCarrier', data: { ...facts, carrier: 'jadlog' } },
      transit: { type: 'InTransit', data: { ...facts, location: { state: 'RJ' } } },
      out: { type: 'OutForDelivery', data: facts },
      delivered: { type: 'Delivered', data: facts },
      canceled: { type: 'OrderCanceled', data: facts },
      reported: { type: 'DelayReported', data: { ...facts, reason: 'weather' } },
      predicted: { type: 'DelayPredicted', data: { orderId, reason: 'eta-beyond-promise', newExpected: day, promisedBy: PROMISE, detectedAt: at } },
      cleared: { type: 'DelayCleared', data: { orderId, newExpected: day, clearedAt: at } },
      broken: { type: 'PromiseBroken', data: { orderId, promisedBy: PROMISE, detectedAt: at } },
      revised: { type: 'EtaRevised', data: { orderId, previousExpected: PROMISE, newExpected: day, revisedAt: at } },
    };
    events.push(next[s.kind]);
    if (s.kind === 'delivered' || s.kind === 'canceled') break; // closed (or a stale close): the log says nothing more
  }
  return events;
}

/** Interleaves the orders' events into one log, as the store would number them. */
function log(orders: Step[][], order: number[]): RecordedEvent[] {
  const queues = orders.map((steps, i) => orderHistory(`o${i}`, steps));
  const out: RecordedEvent[] = [];
  for (const pick of order) {
    const q = queues[pick % queues.length];
    const event = q.shift() ?? queues.find((x) => x.length)?.shift();
    if (!event) break;
    const streamVersion = out.filter((e) => e.data.orderId === event.data.orderId).length + 1;
    out.push({ ...event, streamId: `order-${event.data.orderId}`, streamVersion, globalPosition: out.length + 1, recordedAt: '2026-01-01T00:00:00.000Z' });
  }
  for (const q of queues)
    for (const event of q) {
      const streamVersion = out.filter((e) => e.data.orderId === event.data.orderId).length + 1;
      out.push({ ...event, streamId: `order-${event.data.orderId}`, streamVersion, globalPosition: out.length + 1, recordedAt: '2026-01-01T00:00:00.000Z' });
    }
  return out;
}

const everything: BoardQuery = { includeClosed: true, limit: 500, offset: 0, asOf: '2026-01-20T00:00:00.000Z', sort: 'placedAt' };
const history = fc.tuple(fc.array(fc.array(step, { maxLength: 8 }), { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 60 }));

describe('delay board properties', () => {
  it('a log delivered in any batches, with batches redelivered, gives the rows of one pass', async () => {
    await fc.assert(
      fc.asyncProperty(
        history,
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 20 }),
        fc.boolean(),
        async ([orders, order], sizes, redeliver) => {
          const events = log(orders, order);
          const once = new SqliteDelayBoardStore(':memory:');
          await new DelayBoardProjection(once, TZ).apply(events);
          const chunked = new SqliteDelayBoardStore(':memory:');
          const projection = new DelayBoardProjection(chunked, TZ);
          for (let at = 0, i = 0; at < events.length; at += sizes[i++ % sizes.length]) {
            const batch = events.slice(at, at + sizes[i % sizes.length]);
            await projection.apply(batch);
            if (redeliver) await projection.apply(events.slice(0, at + batch.length)); // at least once: an old stretch again
          }
          expect(await chunked.page(everything)).toEqual(await once.page(everything));
          expect(await chunked.checkpoint()).toBe(events.length);
          await once.close();
          await chunked.close();
        },
      ),
      { numRuns: 150 },
    );
  });

  it('shows what ops must never miss: broken promises while open, late deliveries once closed', async () => {
    await fc.assert(
      fc.asyncProperty(history, async ([orders, order]) => {
        const events = log(orders, order);
        const store = new SqliteDelayBoardStore(':memory:');
        await new DelayBoardProjection(store, TZ).apply(events);
        for (const row of (await store.page(everything)).items) {
          const mine = events.filter((e) => e.data.orderId === row.orderId);
          const broken = mine.some((e) => e.type === 'PromiseBroken');
          if (row.open) {
            expect(row.delayState).not.toBe('delivered-late');
            if (broken) expect(row.delayState).toBe('late');
            if (row.delayState === 'on-track') expect(broken).toBe(false);
          } else {
            expect(['on-track', 'delivered-late']).toContain(row.delayState);
            if (row.stage === 'delivered') expect(row.delayState === 'delivered-late').toBe(broken);
          }
          expect(row.alerts).toBe(mine.filter((e) => e.type === 'DelayPredicted').length);
        }
        const overview = await store.overview('2026-01-05');
        const open = (await store.page({ ...everything, includeClosed: false })).items;
        expect(overview.late).toBe(open.filter((r) => r.delayState === 'late').length);
        expect(overview.open).toBe(open.length);
        await store.close();
      }),
      { numRuns: 150 },
    );
  });
});
