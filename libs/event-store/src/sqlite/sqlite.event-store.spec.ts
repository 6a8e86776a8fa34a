import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
});
