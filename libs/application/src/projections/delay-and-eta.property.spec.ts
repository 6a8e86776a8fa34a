import {
  EventTimeClock,
  type EtaView,
  type EventStore,
  evolveStatusView,
  handleCommand,
  type RecordedEvent,
  type StatusView,
  startEtaPipeline,
} from '@ot/application';
import { addDays, DELAY_REASONS, DomainError, endOfLocalDay, localDateOf, type OrderEvent, type PartnerEvent } from '@ot/domain';
import { InMemoryEventStore } from '@ot/event-store';
import { InMemoryEtaViewStore } from '@ot/read-model';
import { partnerEvent, placed } from '@ot/testing';
import fc from 'fast-check';

/**
 * What a customer sees must hold after every step of any history: partner news in any order (late
 * scans included), partner delays, cancellations, deliveries, and clock ticks between them.
 */
const ZONE = 'America/Sao_Paulo';
const HOUR = 3_600_000;
const START = Date.parse('2017-03-01T12:00:00.000Z');
const iso = (ms: number): string => new Date(ms).toISOString();
const dayOf = (instant: string): string => localDateOf(Date.parse(instant), ZONE);

type Step = { kind: 'event'; event: PartnerEvent } | { kind: 'tick'; hours: number };

const NEWS = ['HandedToCarrier', 'InTransit', 'OutForDelivery', 'DelayReported', 'Delivered', 'OrderCanceled'] as const;

const order = (i: number) =>
  fc
    .record({
      placedAfterH: fc.integer({ min: 0, max: 96 }),
      promiseDays: fc.integer({ min: 0, max: 8 }),
      news: fc.array(fc.record({ type: fc.constantFrom(...NEWS), afterH: fc.integer({ min: 0, max: 300 }), reason: fc.constantFrom(...DELAY_REASONS) }), {
        maxLength: 5,
      }),
    })
    .map(({ placedAfterH, promiseDays, news }) => {
      const id = `p${i}`;
      const t0 = START + placedAfterH * HOUR;
      const events: PartnerEvent[] = [placed(id, { occurredAt: iso(t0), promisedBy: addDays(dayOf(iso(t0)), promiseDays) })];
      for (const [k, n] of news.entries()) {
        const at = iso(t0 + n.afterH * HOUR);
        const ids = {
          orderId: id,
          partnerEventId: `${id}-${k}`,
          partner: n.type === 'OrderCanceled' || n.type === 'HandedToCarrier' ? ('warehouse' as const) : ('courier' as const),
        };
        const extra = n.type === 'DelayReported' ? { reason: n.reason } : n.type === 'InTransit' ? { location: { state: 'RJ' } } : {};
        events.push(partnerEvent(n.type, at, extra as never, ids) as PartnerEvent);
      }
      return events; // in the order the partner sends them: dates may go back (late scans)
    });

/** Orders' news interleaved (each order's own order kept), with ticks between them. */
const history = fc
  .tuple(
    fc.array(order(0), { minLength: 1, maxLength: 1 }),
    order(1),
    order(2),
    fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 40, maxLength: 40 }),
    fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 40, maxLength: 40 }),
  )
  .map(([[a], b, c, picks, ticks]) => {
    const queues = [a, b, c];
    const steps: Step[] = [];
    for (const [i, pick] of picks.entries()) {
      const q = queues[pick].length ? queues[pick] : queues.find((x) => x.length);
      if (q?.length) steps.push({ kind: 'event', event: q.shift() as PartnerEvent });
      if (ticks[i] > 0 && ticks[i] % 3 === 0) steps.push({ kind: 'tick', hours: ticks[i] });
    }
    return steps;
  });

async function checkAfterStep(store: EventStore, etas: InMemoryEtaViewStore, tickedAt: string | undefined, seen: Map<string, string>): Promise<void> {
  const byOrder = new Map<string, RecordedEvent<OrderEvent>[]>();
  for (const e of (await store.readAll(0, 10_000)) as RecordedEvent<OrderEvent>[]) byOrder.set(e.data.orderId, [...(byOrder.get(e.data.orderId) ?? []), e]);
  for (const [id, events] of byOrder) {
    const view = events.reduce<StatusView | null>(evolveStatusView, null)!;
    const placedDay = dayOf(view.placedAt);
    const d = view.delay;
    // the flags agree with each other
    if (view.status === 'Delivered' || view.status === 'PickedUp') expect(d.isDelayed).toBe(false);
    if (d.promiseBroken) expect(['late', 'delivered-late']).toContain(d.state);
    if (d.atRisk) expect(d.isDelayed).toBe(true);
    // a delivery after the promised day records the broken promise
    const delivered = events.find((e) => e.type === 'Delivered' && view.status === 'Delivered');
    if (delivered && Date.parse((delivered.data as { occurredAt: string }).occurredAt) > endOfLocalDay(view.promisedBy, ZONE))
      expect(d.promiseBroken).toBe(true);
    // no date told before the order was placed, before the day it was told on, or a delay on or before the promise
    for (const e of events) {
      if (e.type === 'EtaRevised') expect(e.data.newExpected >= placedDay && e.data.newExpected >= dayOf(e.data.revisedAt)).toBe(true);
      if (e.type === 'DelayPredicted') {
        expect(e.data.newExpected >= placedDay && e.data.newExpected >= dayOf(e.data.detectedAt)).toBe(true);
        expect(e.data.newExpected > e.data.promisedBy).toBe(true);
      }
    }
    const eta: EtaView | undefined = await etas.get(id);
    if (!eta) continue;
    // coherent dates, never before the day they were made, the order was placed, or (after a tick) the tick's day
    expect(eta.window.earliest <= eta.expected && eta.expected <= eta.window.latest && eta.by >= eta.expected).toBe(true);
    expect(eta.expected >= dayOf(eta.updatedAt) && eta.expected >= placedDay).toBe(true);
    if (tickedAt) expect(eta.expected >= dayOf(tickedAt)).toBe(true);
    if (d.state === 'at-risk' || d.state === 'late') expect(eta.expected > view.promisedBy).toBe(true);
    if (d.state === 'at-risk') expect(eta.expected >= d.newExpected!).toBe(true); // the ETA agrees with the alert's date
    // time never goes back for a forecast
    expect(eta.updatedAt >= (seen.get(id) ?? '')).toBe(true);
    seen.set(id, eta.updatedAt);
  }
}

describe('delays and ETA over random histories', () => {
  it('keep every view coherent and never name a past or pre-placement date, after every step', async () => {
    await fc.assert(
      fc.asyncProperty(history, async (steps) => {
        const store = new InMemoryEventStore();
        const clock = new EventTimeClock(START - HOUR);
        const etas = new InMemoryEtaViewStore();
        const pipeline = await startEtaPipeline({ store, clock, etaStore: etas, tickEveryMs: 6 * HOUR });
        const seen = new Map<string, string>();
        try {
          for (const step of steps) {
            let tickedAt: string | undefined;
            if (step.kind === 'tick') {
              clock.observe(clock.now().getTime() + step.hours * HOUR);
              await pipeline.tick();
              tickedAt = clock.now().toISOString();
            } else {
              clock.observe(step.event.data.occurredAt);
              try {
                await handleCommand(store, step.event.data.orderId, { type: 'RecordPartnerEvent', data: { event: step.event } });
              } catch (error) {
                if (!(error instanceof DomainError)) throw error; // an illegal move is refused, as over HTTP
              }
              await pipeline.settle();
            }
            await checkAfterStep(store, etas, tickedAt, seen);
          }
        } finally {
          await pipeline.stop();
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) },
    );
  });
});
