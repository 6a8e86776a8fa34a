import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StatusProjection } from '@ot/application';
import { describeIfReachable, eventually, memoryBackings, placed, postgresBackings, postgresUnreachable, recorded, sqliteBackings } from '@ot/testing';
import Database from 'better-sqlite3';
import { describeStatusViewContract } from '../contract';
import { InMemoryStatusViewStore } from './in-memory.status-view.store';
import { PostgresStatusViewStore } from './postgres.status-view.store';
import { SqliteStatusViewStore } from './sqlite.status-view.store';

describeStatusViewContract(
  'in-memory',
  memoryBackings(() => new InMemoryStatusViewStore()),
);
describeStatusViewContract(
  'sqlite',
  sqliteBackings('status-view', (path) => new SqliteStatusViewStore({ path })),
);
describeIfReachable('status view on PostgreSQL', postgresUnreachable(), () => {
  const backings = postgresBackings('status_view_test', (db) => PostgresStatusViewStore.open(db));
  describeStatusViewContract('postgres', backings);
  afterAll(() => backings.cleanup()); // the schema of the test below too

  it('tells the stores of other replicas which orders a commit changed, so their caches drop them', async () => {
    const backing = await backings.fresh();
    const [writer, reader] = [await backing.open(), await backing.open()];
    const heard: string[] = [];
    reader.onCommit((ids) => heard.push(...ids));
    await new StatusProjection(writer).apply(recorded(placed('o1'), placed('o2')));
    await eventually(async () => expect(heard.sort()).toEqual(['o1', 'o2']));
    expect(await reader.stored('o1')).toMatchObject({ customerId: 'c1', version: 1 });
    await backing.close();
  });
});

describe('SQLite status file migrations', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'status-view-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('numbers a file written before numbered migrations and the owner column, and fills the owner from the documents', async () => {
    const path = join(tmp, 'old-schema.db');
    const old = new Database(path);
    old.exec(`CREATE TABLE status_view (order_id TEXT PRIMARY KEY, doc TEXT NOT NULL, version INTEGER NOT NULL);
              CREATE TABLE status_checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL);`);
    const doc = { orderId: 'o7', customerId: 'c7', status: 'Placed', version: 3 };
    old.prepare('INSERT INTO status_view VALUES (?, ?, ?)').run('o7', JSON.stringify(doc), 3);
    old.close();
    const store = new SqliteStatusViewStore({ path });
    expect(await store.stored('o7')).toEqual({ customerId: 'c7', version: 3, json: JSON.stringify(doc) });
    await store.close();
    const file = new Database(path);
    expect(file.pragma('user_version', { simple: true })).toBe(2);
    file.close();
  });

  it('refuses a file from a newer release instead of misreading it', () => {
    const path = join(tmp, 'newer.db');
    const newer = new Database(path);
    newer.pragma('user_version = 99');
    newer.close();
    expect(() => new SqliteStatusViewStore({ path })).toThrow(/schema version 99, newer than this release knows \(2\)/);
  });
});
