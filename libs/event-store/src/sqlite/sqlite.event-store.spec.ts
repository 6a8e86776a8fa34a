import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent } from '@ot/application';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { SqliteEventStore } from './sqlite.event-store';

const dir = mkdtempSync(join(tmpdir(), 'ot-sqlite-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
describeEventStoreContract('sqlite', async () => new SqliteEventStore({ path: join(dir, `nested/run-${++n}.db`) }));
// The same commit code on the caller's thread (`:memory:` and the bench's side-by-side run use it).
describeEventStoreContract(
  'sqlite, writer on the calling thread',
  async () => new SqliteEventStore({ path: join(dir, `inline/run-${++n}.db`), writerThread: false }),
);

describe('SqliteEventStore across processes', () => {
  it('lets a subscriber see appends made through another connection to the same file', async () => {
    const path = join(dir, 'shared.db');
    const reader = new SqliteEventStore({ path, pollMs: 50 });
    const writer = new SqliteEventStore({ path });
    const seen: number[] = [];
    const sub = reader.subscribeToAll(0, async (events) => void seen.push(...events.map((e) => e.globalPosition)));
    await writer.appendToStream(
      'order-x',
      [{ type: 'PaymentApproved', data: { orderId: 'x', partner: 'warehouse', partnerEventId: 'p', occurredAt: '2026-01-01T00:00:00.000Z' } }],
      { expectedVersion: 0 },
    );
    for (const end = Date.now() + 2000; seen.length === 0 && Date.now() < end;) await new Promise((r) => setTimeout(r, 10));
    await sub.stop();
    expect(seen).toEqual([1]);
    await Promise.all([reader.close(), writer.close()]);
  });

  it("delivers every position in order when its own appends and another connection's interleave", async () => {
    const path = join(dir, 'interleaved.db');
    const [mine, other] = [new SqliteEventStore({ path, pollMs: 50 }), new SqliteEventStore({ path })];
    const seen: number[] = [];
    const sub = mine.subscribeToAll(0, async (events) => void seen.push(...events.map((e) => e.globalPosition)));
    for (let i = 1; i <= 6; i++) await (i % 3 === 0 ? other : mine).appendToStream(`order-${i}`, [placedEvent(`${i}`)], { expectedVersion: 0 });
    for (const end = Date.now() + 2000; seen.length < 6 && Date.now() < end;) await new Promise((r) => setTimeout(r, 10));
    await sub.stop();
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    const read: string[] = [];
    for (let page = await mine.readAll(0, 10); page.length; page = await mine.readAll(page[page.length - 1].globalPosition, 10))
      read.push(...page.map((e) => e.streamId));
    expect(read).toEqual([1, 2, 3, 4, 5, 6].map((i) => `order-${i}`));
    await Promise.all([mine.close(), other.close()]);
  });

  it('reads its just-appended events back as a restart would read them from the file', async () => {
    const path = join(dir, 'read-back.db');
    const store = new SqliteEventStore({ path });
    const event = { ...placedEvent('r'), metadata: { requestId: 'q1', dropped: undefined } } as NewEvent;
    await store.appendToStream('order-r', [event, placedEvent('r2')], { expectedVersion: 0 });
    const fromMemory = await store.readAll(0, 10);
    await store.close();
    const reopened = new SqliteEventStore({ path });
    expect(fromMemory).toEqual(await reopened.readAll(0, 10));
    expect(fromMemory[0]).toStrictEqual((await reopened.readAll(0, 10))[0]);
    await reopened.close();
  });
});

function placedEvent(tag: string): NewEvent {
  return {
    type: 'PaymentApproved',
    data: { orderId: tag, partner: 'warehouse', partnerEventId: `p-${tag}`, occurredAt: '2026-01-01T00:00:00.000Z' },
  } as NewEvent;
}
