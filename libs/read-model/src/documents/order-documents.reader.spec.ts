import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EtaView, type EtaViewStore, type OrderDocumentsReader, StatusProjection, type StatusView, type StatusViewStore } from '@ot/application';
import { describeIfReachable, placed, postgresBackings, postgresUnreachable, recorded } from '@ot/testing';
import { PostgresEtaViewStore, SqliteEtaViewStore } from '../eta';
import { PostgresStatusViewStore, SqliteStatusViewStore } from '../status';
import { PostgresOrderDocumentsReader } from './postgres.order-documents.reader';
import { SqliteOrderDocumentsReader } from './sqlite.order-documents.reader';

type Views = { views: StatusViewStore; etas: EtaViewStore; documents: OrderDocumentsReader; close(): Promise<void> };

const eta: EtaView = {
  orderId: 'o1',
  expected: '2026-01-08',
  days: 'calendar',
  by: '2026-01-09',
  window: { earliest: '2026-01-07', latest: '2026-01-09' },
  updatedAt: '2026-01-02T00:00:00.000Z',
  confidence: 0.5,
};

/** What GET /orders/:id's cache relies on: both documents exactly as each store serves them, from one read. */
function describeReader(name: string, open: () => Promise<Views>): void {
  describe(`OrderDocumentsReader: ${name}`, () => {
    let v: Views;
    beforeEach(async () => {
      v = await open();
      await new StatusProjection(v.views).apply(recorded(placed('o1'), placed('o2', { customerId: 'c2' })));
    });
    afterEach(() => v.close());

    it('reads the status document as stored, with no ETA when it has none, and nothing for an unknown order', async () => {
      expect(await v.documents.read('o2')).toEqual({ status: await v.views.stored('o2'), etaJson: undefined });
      expect(await v.documents.read('nope')).toBeUndefined();
    });

    it('reads the ETA beside it, byte for byte as the ETA store serves it, until the ETA is removed', async () => {
      await v.etas.commit({ upserts: [eta], removals: [] }, 1);
      expect(await v.documents.read('o1')).toEqual({ status: await v.views.stored('o1'), etaJson: await v.etas.json('o1') });
      await v.etas.commit({ upserts: [], removals: ['o1'] }, 2);
      expect((await v.documents.read('o1'))?.etaJson).toBeUndefined();
    });
  });
}

const tmp = mkdtempSync(join(tmpdir(), 'order-documents-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describeReader('sqlite, the ETA file attached', async () => {
  const [statusPath, etaPath] = [join(tmp, `${Math.random()}-status.db`), join(tmp, `${Math.random()}-eta.db`)];
  const views = new SqliteStatusViewStore({ path: statusPath });
  const etas = new SqliteEtaViewStore(etaPath);
  const documents = new SqliteOrderDocumentsReader({ statusPath, etaPath });
  return { views, etas, documents, close: async () => void (await documents.close(), await views.close(), await etas.close()) };
});

describe('OrderDocumentsReader: sqlite, reads of one turn in one read transaction', () => {
  let statusPath: string;
  let etaPath: string;
  let views: SqliteStatusViewStore;
  let etas: SqliteEtaViewStore;
  let documents: SqliteOrderDocumentsReader;
  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
  beforeEach(() => {
    [statusPath, etaPath] = [join(tmp, `${Math.random()}-status.db`), join(tmp, `${Math.random()}-eta.db`)];
    views = new SqliteStatusViewStore({ path: statusPath });
    etas = new SqliteEtaViewStore(etaPath);
    documents = new SqliteOrderDocumentsReader({ statusPath, etaPath });
  });
  afterEach(async () => {
    await documents.close();
    await views.close();
    etas.close();
  });

  it('sees a commit of either view made after a read in the same turn', async () => {
    await new StatusProjection(views).apply(recorded(placed('o1')));
    await nextTurn();
    expect(documents.readNow('o1')?.status.version).toBe(1); // opens the turn's read transaction
    const doc = (await views.get('o1'))!;
    await views.commit([{ ...doc, version: 2 }], 2);
    expect(documents.readNow('o1')?.status.version).toBe(2);
    await etas.commit({ upserts: [eta], removals: [] }, 1);
    expect(documents.readNow('o1')?.etaJson).toBe(await etas.json('o1'));
  });

  it('keeps both WAL files bounded when every commit follows reads in the same turn', async () => {
    const orders = Array.from({ length: 3000 }, (_, i) => `o${i}`);
    await new StatusProjection(views).apply(recorded(...orders.map((id) => placed(id))));
    const docs: StatusView[] = await Promise.all(orders.map(async (id) => (await views.get(id))!));
    const pick = () => Math.floor(Math.random() * orders.length);
    for (let turn = 1; turn <= 600; turn++) {
      for (let r = 0; r < 3; r++) documents.readNow(orders[pick()]);
      const changed = Array.from({ length: 20 }, () => docs[pick()]);
      await views.commit(
        changed.map((d) => ({ ...d, version: d.version + turn })),
        turn,
      );
      await etas.commit({ upserts: changed.map((d) => ({ ...eta, orderId: d.orderId, confidence: turn / 1000 })), removals: [] }, turn);
      await nextTurn();
    }
    // the automatic checkpoint runs at 1,000 pages: 4.2 MB here; with reads left open across the commits, 47-53 MB
    for (const path of [statusPath, etaPath]) expect(statSync(`${path}-wal`).size).toBeLessThan(3 * 1000 * 4096);
  });
});

describeIfReachable('order documents on PostgreSQL', postgresUnreachable(), () => {
  const backings = postgresBackings('order_documents_test', async (db) => {
    const [views, etas] = [await PostgresStatusViewStore.open(db), await PostgresEtaViewStore.open(db)];
    return { views, etas, documents: new PostgresOrderDocumentsReader(db), close: async () => void (await views.close(), await etas.close()) };
  });
  afterAll(() => backings.cleanup());
  describeReader('postgres, one joined query', async () => {
    const backing = await backings.fresh();
    const opened = await backing.open();
    return { ...opened, close: () => backing.close() };
  });
});
