import type { BusMessage, CheckpointStore, RecordedEvent } from '@ot/application';
import { InMemoryEventStore } from '@ot/event-store';
import { partnerEvent, placed } from '@ot/testing';
import { eventually } from '@ot/testing';
import { InProcessMessageBus } from '../in-process/in-process.message-bus';
import { EventRelay } from './event-relay';
import { InMemoryCheckpointStore } from './in-memory.checkpoint.store';

/** Bus delivery is asynchronous in every adapter, and a real broker can take seconds to rebalance. */
const BUS_WAIT = { timeoutMs: 20_000, everyMs: 25 };

const quiet = { retryDelayMs: 5, onError: () => undefined };

/** A bus that only records, so the test sees exactly what was published and in which order. */
class RecordingBus extends InProcessMessageBus {
  readonly published: BusMessage<RecordedEvent>[] = [];
  override async publish(messages: readonly BusMessage<RecordedEvent>[]): Promise<void> {
    this.published.push(...messages);
  }
}

async function appendOrder(store: InMemoryEventStore, orderId: string): Promise<void> {
  await store.appendToStream(`order-${orderId}`, [placed(orderId)], { expectedVersion: 0 });
  await store.appendToStream(`order-${orderId}`, [partnerEvent('HandedToCarrier', '2026-01-02T10:00:00.000Z', {}, { orderId })], { expectedVersion: 1 });
}

/** appendOrder('a') then appendOrder('b'), as the bus must see them: keyed by order, in global order. */
const TWO_ORDERS_IN_ORDER = [
  ['a', 1],
  ['a', 2],
  ['b', 3],
  ['b', 4],
];
const keysAndPositions = (bus: RecordingBus) => bus.published.map((m) => [m.key, m.value.globalPosition]);

describe('EventRelay', () => {
  it('publishes every event keyed by orderId, in global order, then moves the checkpoint', async () => {
    const store = new InMemoryEventStore();
    const bus = new RecordingBus();
    const checkpoints = new InMemoryCheckpointStore();
    const relay = new EventRelay(store, bus, checkpoints, quiet);
    await appendOrder(store, 'a');
    await relay.start();
    await appendOrder(store, 'b');
    await eventually(async () => expect(await checkpoints.load('relay:order-events')).toBe(4), BUS_WAIT);
    expect(keysAndPositions(bus)).toEqual(TWO_ORDERS_IN_ORDER);
    await relay.stop();
  });

  it('republishes after a crash between publish and checkpoint: at least once, nothing lost', async () => {
    const store = new InMemoryEventStore();
    const bus = new RecordingBus();
    const inner = new InMemoryCheckpointStore();
    let dead = true;
    // The process "dies" right after publishing: the checkpoint write never happens.
    const dying: CheckpointStore = { load: (n) => inner.load(n), save: async (n, p) => (dead ? new Promise(() => undefined) : inner.save(n, p)) };
    await appendOrder(store, 'a');
    const first = new EventRelay(store, bus, dying, quiet);
    await first.start();
    await eventually(() => expect(bus.published).toHaveLength(2), BUS_WAIT);
    await first.stop();
    expect(await inner.load('relay:order-events')).toBe(0);

    dead = false;
    const second = new EventRelay(store, bus, dying, quiet);
    await second.start();
    await eventually(async () => expect(await inner.load('relay:order-events')).toBe(2), BUS_WAIT);
    expect(bus.published.map((m) => m.value.globalPosition)).toEqual([1, 2, 1, 2]);
    await second.stop();
  });

  it('retries a failed publish without moving the checkpoint', async () => {
    const store = new InMemoryEventStore();
    const bus = new RecordingBus();
    let failures = 2;
    const flaky = Object.assign(Object.create(bus), {
      publish: async (m: readonly BusMessage<RecordedEvent>[]) => {
        if (failures-- > 0) throw new Error('broker down');
        return bus.publish(m);
      },
    });
    const checkpoints = new InMemoryCheckpointStore();
    const relay = new EventRelay(store, flaky, checkpoints, quiet);
    await appendOrder(store, 'a');
    await relay.start();
    await eventually(async () => expect(await checkpoints.load('relay:order-events')).toBe(2), BUS_WAIT);
    expect(bus.published).toHaveLength(2);
    await relay.stop();
  });

  it('saves the checkpoint at most every checkpointEveryMs, and on stop what was published; a crash re-publishes the rest', async () => {
    const store = new InMemoryEventStore();
    const bus = new RecordingBus();
    const inner = new InMemoryCheckpointStore();
    const saves: number[] = [];
    const counting: CheckpointStore = {
      load: (n) => inner.load(n),
      save: async (n, p) => {
        saves.push(p);
        await inner.save(n, p);
      },
    };
    const relay = new EventRelay(store, bus, counting, { ...quiet, checkpointEveryMs: 60_000 });
    await relay.start();
    for (const id of ['a', 'b', 'c']) {
      await appendOrder(store, id);
      await relay.settled();
    }
    expect(relay.position).toBe(6);
    expect(saves).toEqual([saves[0]]); // the first page's, then nothing until the interval passes
    expect(await inner.load('relay:order-events')).toBeLessThan(6);

    // A crash now: the next relay starts from the saved checkpoint and publishes the rest again.
    const again = new RecordingBus();
    const survived = new InMemoryCheckpointStore();
    await survived.save('relay:order-events', await inner.load('relay:order-events'));
    const next = new EventRelay(store, again, survived, quiet);
    await next.start();
    await next.settled();
    expect(again.published.map((m) => m.value.globalPosition)).toEqual([...Array(6 - saves[0]).keys()].map((i) => saves[0] + i + 1));
    await next.stop();

    await relay.stop();
    expect(await inner.load('relay:order-events')).toBe(6);
  });

  it('lingers on a short page for the events right behind it, publishes them once, in order', async () => {
    const store = new InMemoryEventStore();
    const bus = new RecordingBus();
    const pages: number[][] = [];
    const paging = Object.assign(Object.create(bus), {
      publish: async (m: readonly BusMessage<RecordedEvent>[]) => {
        pages.push(m.map((x) => x.value.globalPosition));
        return bus.publish(m);
      },
    });
    const relay = new EventRelay(store, paging, new InMemoryCheckpointStore(), { ...quiet, lingerMs: 50 });
    await relay.start();
    await appendOrder(store, 'a'); // the first event wakes the relay, which lingers...
    await appendOrder(store, 'b'); // ...while these land behind it
    await relay.settled();
    expect(pages).toEqual([[1, 2, 3, 4]]);
    expect(keysAndPositions(bus)).toEqual(TWO_ORDERS_IN_ORDER);
    await relay.stop();
  });
});
