import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StatusAndBoardProjection } from '@ot/application';
import { partnerEvent, placed, recorded } from '@ot/testing';
import Database from 'better-sqlite3';
import { SqliteStatusAndBoardStore } from './sqlite.status-and-board.store';

const history = recorded(
  placed('a'),
  placed('b'),
  partnerEvent('HandedToCarrier', '2026-01-02T10:00:00.000Z', { carrier: 'jadlog' }, { orderId: 'a' }),
  partnerEvent('Delivered', '2026-01-05T15:00:00.000Z', {}, { orderId: 'a' }),
);

describe('status view and delay board in one file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'status-and-board-'));
  const path = join(dir, 'read-model.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('commits documents, rows and both checkpoints together, and a batch applied twice changes nothing', async () => {
    const store = new SqliteStatusAndBoardStore({ path: join(dir, 'together.db') });
    const projection = new StatusAndBoardProjection(store);
    const told: string[][] = [];
    store.status.onCommit((ids) => told.push([...ids]));
    store.board.onCommit((ids) => told.push([...ids]));
    await projection.apply(history.slice(0, 2));
    await projection.apply(history.slice(2));
    await projection.apply(history.slice(2));
    expect((await store.status.get('a'))?.status).toBe('Delivered');
    expect((await store.board.get('a'))?.stage).toBe('delivered');
    expect((await store.board.get('b'))?.stage).toBe('waiting-for-handoff');
    expect([await store.status.checkpoint(), await store.board.checkpoint()]).toEqual([4, 4]);
    expect(told).toEqual([['a', 'b'], ['a', 'b'], ['a'], ['a']]); // the replay wrote nothing
    await store.close();
  });

  it('reads no board row for an order the status view has no document for', async () => {
    const store = new SqliteStatusAndBoardStore({ path: join(dir, 'reads.db') });
    const reads = jest.spyOn(store.board, 'get');
    const projection = new StatusAndBoardProjection(store);
    await projection.apply(history.slice(0, 2)); // two new orders
    expect(reads).not.toHaveBeenCalled();
    await projection.apply(history.slice(2)); // a's next events: its row is read
    expect(reads.mock.calls).toEqual([['a']]);
    expect((await store.board.get('a'))?.stage).toBe('delivered');
    await store.close();
  });

  it('reads no status document for an order whose stream opens in the page', async () => {
    const store = new SqliteStatusAndBoardStore({ path: join(dir, 'status-reads.db') });
    const reads = jest.spyOn(store.status, 'get');
    const projection = new StatusAndBoardProjection(store);
    await projection.apply(history.slice(0, 3)); // a and b placed, a handed over in the same page
    expect(reads).not.toHaveBeenCalled();
    await projection.apply(history.slice(3)); // a's delivery: its document is read
    expect(reads.mock.calls).toEqual([['a']]);
    expect((await store.status.get('a'))?.status).toBe('Delivered');
    await store.close();
  });

  it('keeps the board rows it committed parsed: the next event of an order reads no row from the table', async () => {
    const file = join(dir, 'board-rows.db');
    const store = new SqliteStatusAndBoardStore({ path: file });
    const projection = new StatusAndBoardProjection(store);
    await projection.apply(history.slice(0, 2));
    const other = new Database(file);
    other.prepare(`UPDATE delay_board SET doc = json_set(doc, '$.stage', 'tampered')`).run(); // behind the only writer's back
    other.close();
    expect((await store.board.get('a'))?.stage).toBe('waiting-for-handoff');
    await projection.apply(history.slice(2));
    expect((await store.board.get('a'))?.stage).toBe('delivered');
    await store.close();
  });

  it('writes neither view when one write fails', async () => {
    const store = new SqliteStatusAndBoardStore({ path: join(dir, 'atomic.db') });
    await new StatusAndBoardProjection(store).apply(history.slice(0, 1));
    const broken = { ...(await store.board.get('a'))!, placedDay: null as unknown as string }; // placed_day is NOT NULL
    await expect(store.commit([{ ...(await store.status.get('a'))!, version: 9 }], [broken], 9)).rejects.toHaveProperty(
      'message',
      expect.stringMatching(/NOT NULL/),
    ); // not toThrow: SqliteError may come from another test file's realm
    expect((await store.status.get('a'))?.version).toBe(1);
    expect([await store.status.checkpoint(), await store.board.checkpoint()]).toEqual([1, 1]);
    await store.close();
  });

  it('rebuilds a board of another fold version from the log, leaving the status documents as they are', async () => {
    const first = new SqliteStatusAndBoardStore({ path });
    await new StatusAndBoardProjection(first).apply(history);
    await first.close();
    const file = new Database(path);
    file.exec('UPDATE delay_board_version SET fold = 1');
    file.close();

    const reopened = new SqliteStatusAndBoardStore({ path });
    const projection = new StatusAndBoardProjection(reopened);
    expect(await reopened.board.checkpoint()).toBe(0);
    expect(await projection.checkpoint()).toBe(0);
    const statusWrites: string[][] = [];
    reopened.status.onCommit((ids) => statusWrites.push([...ids]));
    await projection.apply(history);
    expect((await reopened.board.get('a'))?.stage).toBe('delivered');
    expect(statusWrites).toEqual([]); // at or below its checkpoint: skipped, not folded again
    expect(await projection.checkpoint()).toBe(4);
    await reopened.close();
  });
});
