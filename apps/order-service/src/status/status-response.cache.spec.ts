import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type EtaView,
  type EtaViewStore,
  type OrderDocumentsReader,
  pairedDocumentsReader,
  type RecordedEvent,
  type StatusView,
  StatusProjection,
  type StatusViewStore,
} from '@ot/application';
import type { OrderEvent } from '@ot/domain';
import { InMemoryEtaViewStore, InMemoryStatusViewStore, SqliteEtaViewStore, SqliteOrderDocumentsReader, SqliteStatusViewStore } from '@ot/read-model';
import { partnerEvent, placed } from '@ot/testing';
import { StatusResponseCache } from './status-response.cache';

const tmp = mkdtempSync(join(tmpdir(), 'status-response-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Stores = { views: StatusViewStore; etas: EtaViewStore; documents: OrderDocumentsReader; close(): void };
const adapters: [string, () => Stores][] = [
  [
    'in-memory',
    () => {
      const [views, etas] = [new InMemoryStatusViewStore(), new InMemoryEtaViewStore()];
      return { views, etas, documents: pairedDocumentsReader(views, etas), close: () => undefined };
    },
  ],
  [
    'sqlite (both documents in one joined statement)',
    () => {
      const [statusPath, etaPath] = [join(tmp, `${Math.random()}-status.db`), join(tmp, `${Math.random()}-eta.db`)];
      const views = new SqliteStatusViewStore({ path: statusPath });
      const etas = new SqliteEtaViewStore(etaPath);
      const documents = new SqliteOrderDocumentsReader({ statusPath, etaPath });
      return { views, etas, documents, close: () => void (documents.close(), views.close(), etas.close()) };
    },
  ],
];

let position = 0;
const recorded = (event: OrderEvent, streamVersion: number): RecordedEvent => ({
  ...event,
  streamId: `order-${event.data.orderId}`,
  streamVersion,
  globalPosition: ++position,
  recordedAt: '2026-01-01T00:00:00.000Z',
});
const handedOver = (orderId: string): OrderEvent => partnerEvent('HandedToCarrier', '2026-01-02T10:00:00.000Z', { carrier: 'courier' }, { orderId });
const etaOf = (orderId: string, expected: string): EtaView => ({
  orderId,
  expected,
  by: '2026-01-09',
  window: { earliest: '2026-01-07', latest: '2026-01-09' },
  updatedAt: '2026-01-02T00:00:00.000Z',
  confidence: 0.5,
  days: 'calendar',
});
const served = async (cache: StatusResponseCache, orderId: string) => {
  const response = cache.peek(orderId) ?? (await cache.load(orderId));
  return { etag: response!.etag, body: JSON.parse(response!.body) as StatusView & { eta: EtaView | null } };
};

describe.each(adapters)('status response cache on the %s stores', (_name, open) => {
  let stores: Stores;
  let cache: StatusResponseCache;
  const project = (...events: RecordedEvent[]) => new StatusProjection(stores.views).apply(events);

  beforeEach(async () => {
    stores = open();
    cache = new StatusResponseCache(stores.views, stores.etas, stores.documents);
    await project(recorded(placed('o1'), 1));
  });
  afterEach(() => {
    cache.onModuleDestroy();
    stores.close();
  });

  it('renders the stored document with its ETA, once, and serves it from then on', async () => {
    expect(cache.peek('o1')).toBeUndefined();
    const loaded = await cache.load('o1');
    expect(JSON.parse(loaded!.body)).toEqual({ ...(await stores.views.get('o1')), eta: null });
    expect(loaded!.customerId).toBe('c1');
    expect(cache.peek('o1')?.body).toBe(loaded!.body);
    expect(await cache.load('unknown')).toBeUndefined();
    expect(cache.peek('unknown')).toBeUndefined();
  });

  it('never serves a delivered order with a forecast, even before the ETA projection has dropped it', async () => {
    await stores.etas.commit({ upserts: [etaOf('o1', '2026-01-08')], removals: [] }, 1);
    await project(recorded(handedOver('o1'), 2), recorded(partnerEvent('Delivered', '2026-01-04T10:00:00.000Z', {}, { orderId: 'o1' }), 3));
    const { body } = await served(cache, 'o1');
    expect(body).toMatchObject({ status: 'Delivered', delay: { state: 'on-track', isDelayed: false }, eta: null });
  });

  it('serves a status commit on the next read, with a new tag', async () => {
    const before = await served(cache, 'o1');
    await project(recorded(handedOver('o1'), 2));
    const after = await served(cache, 'o1');
    expect(after.body).toMatchObject({ status: 'HandedToCarrier', version: 2 });
    expect(after.etag).not.toBe(before.etag);
  });

  it('serves an ETA commit alone (upsert, re-forecast, removal) on the next read, with a new tag each time', async () => {
    const none = await served(cache, 'o1');
    await stores.etas.commit({ upserts: [etaOf('o1', '2026-01-08')], removals: [] }, 1);
    const first = await served(cache, 'o1');
    expect(first.body.eta).toEqual(etaOf('o1', '2026-01-08'));
    await stores.etas.commit({ upserts: [etaOf('o1', '2026-01-09')], removals: [] }, 2);
    const revised = await served(cache, 'o1');
    expect(revised.body.eta?.expected).toBe('2026-01-09');
    await stores.etas.commit({ upserts: [], removals: ['o1'] }, 3);
    const removed = await served(cache, 'o1');
    expect(removed.body.eta).toBeNull();
    expect(new Set([none.etag, first.etag, revised.etag]).size).toBe(3);
    expect(removed.etag).toBe(none.etag); // same document, no ETA: the same bytes, so the same tag
  });

  it('keeps nothing read before a commit that landed while it was loading', async () => {
    const v1 = (await stores.views.get('o1'))!;
    const loading = cache.load('o1'); // both documents are read in this turn...
    void stores.views.commit([{ ...v1, status: 'HandedToCarrier', version: 2 }], 2); // ...and the commit lands before the load resumes
    expect(JSON.parse((await loading)!.body).version).toBe(1); // it started first: the old document is a fair answer
    expect(cache.peek('o1')).toBeUndefined(); // but it is not kept
    expect((await served(cache, 'o1')).body.version).toBe(2);
  });

  it('stops listening to the stores when the module is destroyed', async () => {
    await cache.load('o1');
    cache.onModuleDestroy();
    await project(recorded(handedOver('o1'), 2));
    expect(cache.peek('o1')).toBeDefined();
  });
});
