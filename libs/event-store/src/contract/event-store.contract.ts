import type { EventStore, NewEvent, RecordedEvent } from '@ot/application';
import { DomainError } from '@ot/domain';
import { randomUUID } from 'node:crypto';

export type ContractOptions = {
  /** Positions are 1, 2, 3... with no holes (SQL stores). EventStoreDB positions are log offsets: only increasing. */
  densePositions?: boolean;
};

const scan = (n: number, tag = 'e'): NewEvent =>
  ({
    type: 'InTransit',
    data: { orderId: tag, partner: 'courier', partnerEventId: `${tag}-${n}`, occurredAt: '2026-01-01T10:00:00.000Z', location: { city: `c${n}` } },
  }) as NewEvent;

/** Reads everything from the start; stores may be shared between tests (EventStoreDB), so tests look only after this. */
async function headOf(store: EventStore): Promise<number> {
  let head = 0;
  for (let page = await store.readAll(0, 1000); page.length; page = await store.readAll(head, 1000)) head = page[page.length - 1].globalPosition;
  return head;
}

async function readAllAfter(store: EventStore, after: number): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for (let page = await store.readAll(after, 100); page.length; page = await store.readAll(out[out.length - 1].globalPosition, 100)) out.push(...page);
  return out;
}

async function conflictOf(p: Promise<unknown>): Promise<string | undefined> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof DomainError ? error.code : error === undefined ? undefined : String(error);
}

function expectOrdered(events: RecordedEvent[], dense: boolean): void {
  events.slice(1).forEach((e, i) => {
    if (dense) expect(e.globalPosition).toBe(events[i].globalPosition + 1);
    else expect(e.globalPosition).toBeGreaterThan(events[i].globalPosition);
  });
}

const until = async (check: () => boolean, ms = 5000): Promise<void> => {
  for (const end = Date.now() + ms; !check(); await new Promise((r) => setTimeout(r, 10))) if (Date.now() > end) throw new Error('timed out waiting');
};

/** One suite, every adapter: the behaviour the application relies on, not how a store achieves it. */
export function describeEventStoreContract(name: string, open: () => Promise<EventStore>, { densePositions = true }: ContractOptions = {}): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    let stream: (suffix?: string) => string;
    beforeEach(async () => {
      store = await open();
      const run = randomUUID().slice(0, 8);
      stream = (suffix = 'a') => `order-${run}-${suffix}`;
    });
    afterEach(() => store.close());

    it('appends and reads a stream back in order with versions, positions and recording time', async () => {
      const before = Date.now();
      const result = await store.appendToStream(stream(), [scan(1), scan(2)], { expectedVersion: 0 });
      const { events, version } = await store.readStream(stream());
      expect(version).toBe(2);
      expect(result.nextVersion).toBe(2);
      expect(events.map((e) => e.data)).toEqual([scan(1).data, scan(2).data]);
      expect(events.map((e) => [e.type, e.streamId, e.streamVersion])).toEqual([
        ['InTransit', stream(), 1],
        ['InTransit', stream(), 2],
      ]);
      expect(events[1].globalPosition).toBe(result.lastPosition);
      expect(events[1].globalPosition).toBeGreaterThan(events[0].globalPosition);
      const recorded = Date.parse(events[0].recordedAt);
      expect(new Date(recorded).toISOString()).toBe(events[0].recordedAt);
      expect(recorded).toBeGreaterThanOrEqual(before - 1000); // server clocks may lag the test's a little
      expect(recorded).toBeLessThanOrEqual(Date.now() + 1000);
    });

    it('reads a missing stream as empty at version 0', async () => {
      expect(await store.readStream(stream('missing'))).toEqual({ events: [], version: 0 });
    });

    it('round-trips metadata, and leaves it out when none was given', async () => {
      const metadata = { correlationId: 'c-1', causationId: 'k-9', nested: { n: 1 } };
      await store.appendToStream(stream(), [{ ...scan(1), metadata }, scan(2)], { expectedVersion: 0 });
      const { events } = await store.readStream(stream());
      expect(events[0].metadata).toEqual(metadata);
      expect(events[1].metadata).toBeUndefined();
    });

    it('rejects a wrong expected version with VERSION_CONFLICT', async () => {
      expect(await conflictOf(store.appendToStream(stream(), [scan(1)], { expectedVersion: 1 }))).toBe('VERSION_CONFLICT');
      await store.appendToStream(stream(), [scan(1)], { expectedVersion: 0 });
      expect(await conflictOf(store.appendToStream(stream(), [scan(2)], { expectedVersion: 0 }))).toBe('VERSION_CONFLICT');
      expect(await conflictOf(store.appendToStream(stream(), [scan(2)], { expectedVersion: 2 }))).toBe('VERSION_CONFLICT');
      expect(await conflictOf(store.appendToStream(stream(), [scan(2)], { expectedVersion: 1 }))).toBeUndefined();
    });

    it('appends a conflicting batch not at all', async () => {
      const head = await headOf(store);
      await store.appendToStream(stream(), [scan(1)], { expectedVersion: 0 });
      expect(await conflictOf(store.appendToStream(stream(), [scan(2), scan(3), scan(4)], { expectedVersion: 0 }))).toBe('VERSION_CONFLICT');
      expect((await store.readStream(stream())).version).toBe(1);
      expect(await readAllAfter(store, head)).toHaveLength(1);
    });

    it('reads all streams in global order, paged by after and limit', async () => {
      const head = await headOf(store);
      await store.appendToStream(stream('a'), [scan(1, 'a'), scan(2, 'a')], { expectedVersion: 0 });
      await store.appendToStream(stream('b'), [scan(1, 'b')], { expectedVersion: 0 });
      await store.appendToStream(stream('a'), [scan(3, 'a')], { expectedVersion: 2 });
      const all = await readAllAfter(store, head);
      expect(all.map((e) => `${e.streamId.slice(-1)}${e.streamVersion}`)).toEqual(['a1', 'a2', 'b1', 'a3']);
      expectOrdered(all, densePositions);
      if (densePositions && head === 0) expect(all[0].globalPosition).toBe(1);
      expect(await store.readAll(head, 2)).toEqual(all.slice(0, 2));
      expect(await store.readAll(all[1].globalPosition, 10)).toEqual(all.slice(2));
      expect(await store.readAll(all[3].globalPosition, 10)).toEqual([]);
    });

    it('lets exactly one of several concurrent appends with the same expected version win', async () => {
      await store.appendToStream(stream(), [scan(0)], { expectedVersion: 0 });
      const outcomes = await Promise.all(
        [1, 2, 3, 4, 5].map((n) => conflictOf(store.appendToStream(stream(), [scan(n), scan(n + 10)], { expectedVersion: 1 }))),
      );
      expect(outcomes.filter((o) => o === undefined)).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'VERSION_CONFLICT')).toHaveLength(4);
      const { events, version } = await store.readStream(stream());
      expect(version).toBe(3);
      expect(events.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
    });

    it('commits concurrent appends to different streams, each once, with an ordered readAll', async () => {
      const head = await headOf(store);
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, n) => store.appendToStream(stream(`s${n}`), [scan(1, `s${n}`), scan(2, `s${n}`)], { expectedVersion: 0 })),
      );
      expect(results.every((r) => r.nextVersion === 2)).toBe(true);
      const all = await readAllAfter(store, head);
      expect(all).toHaveLength(100);
      expectOrdered(all, densePositions);
      expect(new Set(results.map((r) => r.lastPosition)).size).toBe(50);
      for (const r of results) expect(all.find((e) => e.globalPosition === r.lastPosition)?.streamVersion).toBe(2);
    });

    it('fails a conflicting append without failing others committed at the same moment', async () => {
      await store.appendToStream(stream('taken'), [scan(1)], { expectedVersion: 0 });
      const outcomes = await Promise.all([
        conflictOf(store.appendToStream(stream('x'), [scan(1, 'x')], { expectedVersion: 0 })),
        conflictOf(store.appendToStream(stream('taken'), [scan(2)], { expectedVersion: 0 })),
        conflictOf(store.appendToStream(stream('y'), [scan(1, 'y'), scan(2, 'y')], { expectedVersion: 0 })),
        conflictOf(store.appendToStream(stream('x'), [scan(2, 'x')], { expectedVersion: 1 })), // builds on the first one
      ]);
      expect(outcomes).toEqual([undefined, 'VERSION_CONFLICT', undefined, undefined]);
      expect((await store.readStream(stream('taken'))).version).toBe(1);
      expect((await store.readStream(stream('x'))).events.map((e) => e.data)).toEqual([scan(1, 'x').data, scan(2, 'x').data]);
      expect((await store.readStream(stream('y'))).version).toBe(2);
    });

    it('delivers history then live events to a subscriber, in order, without gaps or duplicates', async () => {
      const head = await headOf(store);
      await store.appendToStream(stream('h'), [scan(1, 'h'), scan(2, 'h')], { expectedVersion: 0 });
      const seen: RecordedEvent[] = [];
      let inCallback = 0;
      let overlapped = false;
      const sub = store.subscribeToAll(head, async (events) => {
        overlapped ||= ++inCallback > 1;
        await new Promise((r) => setTimeout(r, 1)); // slow consumer: invites overlapping calls
        seen.push(...events);
        inCallback--;
      });
      await until(() => seen.length >= 2);
      await Promise.all(Array.from({ length: 30 }, (_, n) => store.appendToStream(stream(`l${n}`), [scan(1, `l${n}`)], { expectedVersion: 0 })));
      await store.appendToStream(stream('h'), [scan(3, 'h')], { expectedVersion: 2 });
      await until(() => seen.length >= 33);
      await new Promise((r) => setTimeout(r, 300)); // a duplicate would arrive late
      await sub.stop();
      expect(overlapped).toBe(false);
      expect(seen).toEqual(await readAllAfter(store, head));
      expect(seen).toHaveLength(33);
      expectOrdered(seen, densePositions);
    });

    it('delivers nothing after stop()', async () => {
      const seen: RecordedEvent[] = [];
      const sub = store.subscribeToAll(await headOf(store), async (events) => void seen.push(...events));
      await store.appendToStream(stream(), [scan(1)], { expectedVersion: 0 });
      await until(() => seen.length === 1);
      await sub.stop();
      await store.appendToStream(stream(), [scan(2)], { expectedVersion: 1 });
      await new Promise((r) => setTimeout(r, 400)); // longer than any poll interval
      expect(seen).toHaveLength(1);
    });
  });
}
