import { type EventStore, handleCommand } from '@ot/application';
import type { OrderEvent, PartnerEvent } from '@ot/domain';
import { InMemoryEventStore } from '@ot/event-store';
import { partnerEvent, placed, processOn } from '@ot/testing';

const record = (event: OrderEvent) => ({ type: 'RecordPartnerEvent' as const, data: { event: event as PartnerEvent } });
const scan = (i: number) => partnerEvent('InTransit', new Date(Date.UTC(2026, 0, 2, 0, i)).toISOString(), { location: { city: `city ${i}` } });

describe('handleCommand', () => {
  it('serialises the commands for one order within a process: 50 parallel scans append without a conflict', async () => {
    const log = new InMemoryEventStore();
    const { store, counts } = processOn(log);
    await handleCommand(store, 'o1', record(placed()));
    const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => handleCommand(store, 'o1', record(scan(i)))));
    expect(outcomes.map((o) => o.outcome)).toEqual(Array(50).fill('appended'));
    expect(outcomes.map((o) => o.streamVersion)).toEqual(Array.from({ length: 50 }, (_, i) => i + 2)); // in arrival order
    expect(counts.appends).toBe(51); // not one retry
    expect((await log.readStream('order-o1')).events).toHaveLength(51);
  });

  it('still retries a real conflict with another process writing the same order', async () => {
    const log = new InMemoryEventStore();
    const [a, b] = [processOn(log), processOn(log)];
    await handleCommand(a.store, 'o1', record(placed()));
    // two writers per process: each process serialises its own, but the two processes race
    const outcomes = await Promise.all([0, 1, 2, 3].map((i) => handleCommand(i % 2 ? b.store : a.store, 'o1', record(scan(i)))));
    expect(outcomes.map((o) => o.streamVersion).sort()).toEqual([2, 3, 4, 5]);
    expect(a.counts.appends + b.counts.appends).toBeGreaterThan(5); // the processes really did collide, and retried
    expect((await log.readStream('order-o1')).events).toHaveLength(5);
  });

  it('orders of different ids are not queued behind each other', async () => {
    const log = new InMemoryEventStore();
    const { store, counts } = processOn(log);
    // placed by another process, so this one reads each order before its scan
    for (let i = 0; i < 20; i++) await handleCommand(log, `o${i}`, record(placed(`o${i}`)));
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        handleCommand(store, `o${i}`, record(partnerEvent('InTransit', '2026-01-02T00:00:00.000Z', { location: { city: 'city' } }, { orderId: `o${i}` }))),
      ),
    );
    expect(counts.mostReadsAtOnce).toBe(20);
  });

  describe('the state this process folded last', () => {
    const at = (h: number) => new Date(Date.UTC(2026, 0, 2, h)).toISOString();
    const handed = () => partnerEvent('HandedToCarrier', at(1), {}, { partner: 'warehouse' });
    const failed = () => partnerEvent('DeliveryAttemptFailed', at(2), { reason: 'nobody home' });
    const arrived = () =>
      partnerEvent(
        'ArrivedAtPickupPoint',
        at(3),
        { pickupPoint: { pointId: 'pp1', address: 'Rua A 1', storageDeadline: '2026-01-12T10:00:00.000Z' } },
        { partner: 'pickup-point' },
      );
    const pickedUp = () => partnerEvent('PickedUp', at(4), {}, { partner: 'pickup-point' });
    const readsOf = (store: EventStore) => {
      const counted = { reads: 0 };
      const counting: EventStore = {
        readStream: (id) => (counted.reads++, store.readStream(id)),
        appendToStream: (id, events, options) => store.appendToStream(id, events, options),
        readAll: (after, limit) => store.readAll(after, limit),
        subscribeToAll: (after, onEvents) => store.subscribeToAll(after, onEvents),
        close: () => store.close(),
      };
      return { counted, store: counting };
    };

    it('decides the next command for an order without reading its stream again', async () => {
      const { store, counted } = readsOf(new InMemoryEventStore());
      await handleCommand(store, 'o1', record(placed()));
      const outcomes = [await handleCommand(store, 'o1', record(handed())), await handleCommand(store, 'o1', record(scan(2)))];
      expect(outcomes.map((o) => [o.outcome, o.streamVersion])).toEqual([
        ['appended', 2],
        ['appended', 3],
      ]);
      expect(counted.reads).toBe(0); // a placement is decided on an empty stream, confirmed by its append
    });

    it('answers a placement another process recorded as a fresh read does, after its append at version 0 conflicts', async () => {
      const log = new InMemoryEventStore();
      const { store, counted } = readsOf(log);
      await handleCommand(log, 'o1', record(placed()));
      const again = await handleCommand(store, 'o1', record(placed()));
      expect([again.outcome, again.streamVersion, counted.reads]).toEqual(['duplicate', 1, 1]);
      await handleCommand(log, 'o2', record(placed('o2')));
      // the same id for another fact: refused, as on a fresh read
      const refused = await handleCommand(store, 'o2', record(placed('o2', { customerId: 'c2' }))).catch((e: Error) => e.message);
      expect(refused).toMatch(/already used on order o2/);
      expect((await log.readStream('order-o2')).events).toHaveLength(1);
    });

    it('judges on the state folded last when no news came after the version judged, without a read', async () => {
      const { store, counted } = readsOf(new InMemoryEventStore());
      await handleCommand(store, 'o1', record(placed()));
      await handleCommand(store, 'o1', record(handed()));
      const data = { orderId: 'o1', reason: 'eta-beyond-promise', newExpected: '2026-01-12', promisedBy: '2026-01-10', detectedAt: at(1) } as const;
      const judged = await handleCommand(store, 'o1', { type: 'PredictDelay', data }, { partnerNewsUpTo: 2 });
      expect([judged.outcome, judged.streamVersion, counted.reads]).toEqual(['appended', 3, 0]);
    });

    it('decides again on a fresh read when another process wrote the order in between', async () => {
      const log = new InMemoryEventStore();
      const { store, counted } = readsOf(log);
      await handleCommand(store, 'o1', record(placed()));
      await handleCommand(log, 'o1', record(handed())); // another process: this one's folded state is now stale
      // legal only after the hand-over the stale state has not seen: a refusal from it would be wrong
      const outcome = await handleCommand(store, 'o1', record(failed()));
      expect([outcome.outcome, outcome.streamVersion]).toEqual(['appended', 3]);
      expect((await log.readStream('order-o1')).events.map((e) => e.type)).toEqual(['OrderPlaced', 'HandedToCarrier', 'DeliveryAttemptFailed']);
      expect(counted.reads).toBe(1); // the stale state's refusal is decided again on a read
    });

    it('keeps the whole stream after a judgement that left later news out of its decision', async () => {
      const { store, counted } = readsOf(new InMemoryEventStore());
      await handleCommand(store, 'o1', record(placed()));
      await handleCommand(store, 'o1', record(handed()));
      const data = { orderId: 'o1', reason: 'eta-beyond-promise', newExpected: '2026-01-12', promisedBy: '2026-01-10', detectedAt: at(1) } as const;
      const judged = await handleCommand(store, 'o1', { type: 'PredictDelay', data }, { partnerNewsUpTo: 1 }); // judged before the hand-over
      expect(judged.outcome).toBe('appended');
      const readsBefore = counted.reads;
      // legal only after the hand-over the judgement left out: decided on the whole stream, without a read
      const outcome = await handleCommand(store, 'o1', record(failed()));
      expect([outcome.outcome, outcome.streamVersion, counted.reads]).toEqual(['appended', 4, readsBefore]);
    });

    it('answers a duplicate from the log, with the original event and its version', async () => {
      const { store } = readsOf(new InMemoryEventStore());
      await handleCommand(store, 'o1', record(placed()));
      await handleCommand(store, 'o1', record(handed()));
      const again = await handleCommand(store, 'o1', record(handed()));
      expect([again.outcome, again.streamVersion, again.events.map((e) => e.type)]).toEqual(['duplicate', 2, ['HandedToCarrier']]);
    });

    it('gives every command the outcome a fresh read gives, whatever another process appends between them', async () => {
      const steps = [placed(), handed(), scan(1), failed(), arrived(), pickedUp(), scan(5)];
      for (let other = 0; other < steps.length; other++) {
        const log = new InMemoryEventStore();
        const { store: mine, counts } = processOn(log);
        const fresh = new InMemoryEventStore();
        for (const [i, step] of steps.entries()) {
          // one step is written by "another process", the rest by this one, on what it folded last
          const got = await handleCommand(i === other ? log : mine, 'o1', record(step)).catch((e: Error) => e.message);
          const want = await handleCommand(fresh, 'o1', record(step)).catch((e: Error) => e.message);
          expect(got).toEqual(want);
        }
        expect(counts.appends).toBeGreaterThan(0);
      }
    });
  });
});
