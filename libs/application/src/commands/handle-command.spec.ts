import { handleCommand } from '@ot/application';
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
    await Promise.all(Array.from({ length: 20 }, (_, i) => handleCommand(store, `o${i}`, record(placed(`o${i}`)))));
    expect(counts.mostReadsAtOnce).toBe(20);
  });
});
