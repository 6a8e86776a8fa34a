import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RecordedEvent, StatusProjection, type StatusViewStore } from '@ot/application';
import type { OrderEvent } from '@ot/domain';
import { partnerEvent, placed } from '@ot/testing';
import Database from 'better-sqlite3';
import { InMemoryStatusViewStore } from './in-memory.status-view.store';
import { SqliteStatusViewStore } from './sqlite.status-view.store';

/** Numbers events as the store would: per-stream versions and one global position. */
function recorded(...events: OrderEvent[]): RecordedEvent[] {
  const versions = new Map<string, number>();
  return events.map((event, i) => {
    const streamVersion = (versions.get(event.data.orderId) ?? 0) + 1;
    versions.set(event.data.orderId, streamVersion);
    return { ...event, streamId: `order-${event.data.orderId}`, streamVersion, globalPosition: i + 1, recordedAt: '2026-01-01T00:00:00.000Z' };
  });
}

const tmp = mkdtempSync(join(tmpdir(), 'status-view-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const adapters: [string, () => StatusViewStore & { close?: () => Promise<void> }][] = [
  ['in-memory', () => new InMemoryStatusViewStore()],
  ['sqlite', () => new SqliteStatusViewStore({ path: join(tmp, `${Math.random()}.db`) })],
];

describe.each(adapters)('status projection on the %s store', (_name, makeStore) => {
  let store: ReturnType<typeof makeStore>;
  let projection: StatusProjection;
  beforeEach(() => {
    store = makeStore();
    projection = new StatusProjection(store);
  });
  afterEach(() => store.close?.());

  const history = recorded(
    placed('o1'),
    placed('o2', { customerId: 'c2' }),
    partnerEvent('HandedToCarrier', '2026-01-02T10:00:00.000Z', { carrier: 'courier' }, { orderId: 'o1' }),
    partnerEvent('InTransit', '2026-01-03T10:00:00.000Z', { location: { city: 'campinas', state: 'SP' } }, { orderId: 'o1' }),
    partnerEvent('OutForDelivery', '2026-01-04T08:00:00.000Z', {}, { orderId: 'o1' }),
    partnerEvent('InTransit', '2026-01-03T18:00:00.000Z', { location: { city: 'jundiai', state: 'SP' } }, { orderId: 'o1' }),
  );

  it('folds the events of each order into its document and moves the checkpoint', async () => {
    await projection.apply(history);
    const o1 = await store.get('o1');
    expect(o1).toMatchObject({ orderId: 'o1', customerId: 'c1', status: 'OutForDelivery', version: 5, lastLocation: { city: 'campinas', state: 'SP' } });
    expect(o1?.timeline.map((t) => [t.type, t.late])).toEqual([
      ['OrderPlaced', false],
      ['HandedToCarrier', false],
      ['InTransit', false],
      ['InTransit', true], // the late scan is history only: sorted by when it happened, status not moved back
      ['OutForDelivery', false],
    ]);
    expect(await store.get('o2')).toMatchObject({ customerId: 'c2', status: 'Placed', version: 1 });
    expect(await store.checkpoint()).toBe(6);
  });

  it('changes nothing when the same batch is applied again', async () => {
    await projection.apply(history);
    const once = JSON.stringify(await store.get('o1'));
    await projection.apply(history);
    expect(JSON.stringify(await store.get('o1'))).toBe(once);
    expect(await store.checkpoint()).toBe(6);
  });

  it('continues from the documents already stored when batches are split', async () => {
    await projection.apply(history.slice(0, 3));
    expect(await store.get('o1')).toMatchObject({ status: 'HandedToCarrier', version: 2 });
    await projection.apply(history.slice(3));
    expect(await store.get('o1')).toMatchObject({ status: 'OutForDelivery', version: 5 });
    expect(await store.checkpoint()).toBe(6);
  });

  it('starts from checkpoint 0 and knows no documents', async () => {
    expect(await store.checkpoint()).toBe(0);
    expect(await store.get('nope')).toBeUndefined();
  });
});

describe('sqlite status store', () => {
  it('keeps documents and checkpoint across reopening the file', async () => {
    const path = join(tmp, 'reopen.db');
    const first = new SqliteStatusViewStore({ path });
    await new StatusProjection(first).apply(recorded(placed('o9')));
    await first.close();
    const second = new SqliteStatusViewStore({ path });
    expect(await second.get('o9')).toMatchObject({ orderId: 'o9', status: 'Placed' });
    expect(await second.checkpoint()).toBe(1);
    await second.close();
  });

  it('hands the read path the stored JSON with owner and version, also from a file written before the owner column', async () => {
    const path = join(tmp, 'old-schema.db');
    const old = new Database(path);
    old.exec('CREATE TABLE status_view (order_id TEXT PRIMARY KEY, doc TEXT NOT NULL, version INTEGER NOT NULL)');
    const doc = { orderId: 'o7', customerId: 'c7', status: 'Placed', version: 3 };
    old.prepare('INSERT INTO status_view VALUES (?, ?, ?)').run('o7', JSON.stringify(doc), 3);
    old.close();
    const store = new SqliteStatusViewStore({ path });
    expect(await store.stored('o7')).toEqual({ customerId: 'c7', version: 3, json: JSON.stringify(doc) });
    await new StatusProjection(store).apply(recorded(placed('o8', { customerId: 'c8' })));
    expect(await store.stored('o8')).toEqual({ customerId: 'c8', version: 1, json: JSON.stringify(await store.get('o8')) });
    expect(await store.stored('nope')).toBeUndefined();
    await store.close();
  });
});
