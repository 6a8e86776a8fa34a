import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DelayBoardProjection, followProjection, type Projection, StatusProjection } from '@ot/application';
import { streamIdOf } from '@ot/domain';
import { SqliteCheckpointAnchoring } from '@ot/sql';
import { InMemoryEventStore } from '@ot/event-store';
import { eventually, placed } from '@ot/testing';
import { SqliteDelayBoardStore } from './delay-board/sqlite.delay-board.store';
import { SqliteStatusViewStore } from './status/sqlite.status-view.store';

/** The read-model files keep their checkpoint's anchor: beside another log they are rebuilt, not resumed. */
describe.each([
  ['status view', (path: string) => new SqliteStatusViewStore({ path }), (s: SqliteStatusViewStore) => new StatusProjection(s)],
  ['delay board', (path: string) => new SqliteDelayBoardStore(path), (s: SqliteDelayBoardStore) => new DelayBoardProjection(s)],
] as const)('%s file on SQLite', (_, open, projectionOf) => {
  const dir = mkdtempSync(join(tmpdir(), 'anchoring-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const logOf = async (...ids: string[]) => {
    const log = new InMemoryEventStore();
    for (const id of ids) await log.appendToStream(streamIdOf(id), [placed(id, { customerId: `c-${id}` })], { expectedVersion: 0 });
    return log;
  };
  const follow = async (path: string, log: InMemoryEventStore, until: number) => {
    const store = open(path) as never;
    const projection: Projection = projectionOf(store);
    const following = await followProjection(log, projection);
    await eventually(async () => expect(await projection.checkpoint()).toBe(until));
    await following.stop();
    return store as { get(id: string): Promise<unknown>; close(): Promise<void> };
  };

  it('keeps the anchor across a reopen and rebuilds beside another log', async () => {
    const path = join(dir, `${Math.random()}.db`);
    const reset = jest.spyOn(SqliteCheckpointAnchoring.prototype, 'reset');
    const a = await logOf('a1', 'a2');
    await (await follow(path, a, 2)).close();
    const again = await follow(path, a, 2);
    expect([await again.get('a1'), reset.mock.calls.length]).toEqual([expect.objectContaining({ orderId: 'a1' }), 0]);
    await again.close();
    const other = await follow(path, await logOf('b1', 'b2', 'b3'), 3); // beside another log: a1 and a2 go, b1 and b2 are not skipped
    expect([await other.get('a1'), await other.get('b1'), reset.mock.calls.length]).toEqual([undefined, expect.objectContaining({ orderId: 'b1' }), 1]);
    await other.close();
    reset.mockRestore();
  });
});
