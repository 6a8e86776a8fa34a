import type { EtaView, EtaViewStore } from '@ot/application';
import { type BackingFactory, freshBackingEachTest } from '@ot/testing';

type Closable = EtaViewStore & { close?: () => unknown };

const eta = (orderId: string, expected = '2026-01-05'): EtaView => ({
  orderId,
  expected,
  by: '2026-01-06',
  window: { earliest: '2026-01-04', latest: '2026-01-07' },
  updatedAt: '2026-01-02T10:00:00.000Z',
  confidence: 0.5,
  days: 'calendar',
});

/** One suite, every ETA view store: what the ETA projection and GET /orders/:id rely on. */
export function describeEtaViewContract(name: string, backings: BackingFactory<Closable>): void {
  describe(`EtaViewStore contract: ${name}`, () => {
    const backing = freshBackingEachTest(backings);
    let store: Closable;
    beforeEach(async () => {
      store = await backing.current.open();
    });

    it('starts from checkpoint 0 and knows no documents', async () => {
      expect(await store.checkpoint()).toBe(0);
      expect(await store.get('o1')).toBeUndefined();
      expect(await store.json('o1')).toBeUndefined();
      expect(await store.all()).toEqual([]);
    });

    it('upserts, removes and moves the checkpoint in one commit; json is exactly the serialised document', async () => {
      await store.commit({ upserts: [eta('o2'), eta('o1')], removals: [] }, 3);
      await store.commit({ upserts: [eta('o1', '2026-01-06')], removals: ['o2'] }, 5);
      expect(await store.get('o1')).toEqual(eta('o1', '2026-01-06'));
      expect(await store.json('o1')).toBe(JSON.stringify(eta('o1', '2026-01-06')));
      expect(await store.get('o2')).toBeUndefined();
      expect(await store.checkpoint()).toBe(5);
    });

    it('keeps the projection state beside the documents: nothing at first, then the last one saved', async () => {
      expect(await store.loadState()).toBeUndefined();
      const state = { position: 4, learner: { groups: { '*': { weights: [0.5, 1.25], total: 1.75, at: 1 } } }, orders: [{ orderId: 'o1' }] };
      await store.saveState(state, 4);
      await store.saveState({ ...state, position: 9 }, 9);
      expect(await store.loadState()).toEqual({ state: { ...state, position: 9 }, position: 9 });
    });

    it('keeps a state of more open orders than one saved chunk holds, whole and in order', async () => {
      const orders = Array.from({ length: 25_000 }, (_, n) => ({ orderId: `o${n}`, placedMs: n }));
      await store.saveState({ position: 3, orders, absorbed: [] }, 3);
      expect(await (await backing.current.open()).loadState()).toEqual({ state: { position: 3, orders, absorbed: [] }, position: 3 });
    });

    it('lists every document ordered by order id', async () => {
      await store.commit({ upserts: [eta('o3'), eta('o1'), eta('o2')], removals: [] }, 1);
      expect((await store.all()).map((d) => d.orderId)).toEqual(['o1', 'o2', 'o3']);
    });

    it('keeps its own copy: a later change to the committed object does not reach the view', async () => {
      const doc = eta('o1');
      await store.commit({ upserts: [doc], removals: [] }, 1);
      doc.expected = '2027-01-01';
      expect((await store.get('o1'))?.expected).toBe('2026-01-05');
    });

    it('tells its listeners the orders a commit upserted or removed, until they unsubscribe', async () => {
      const heard: string[][] = [];
      const unsubscribe = store.onCommit((ids) => heard.push([...ids]));
      await store.commit({ upserts: [eta('o1')], removals: ['o9'] }, 1);
      await store.commit({ upserts: [], removals: [] }, 2);
      expect(heard).toEqual([['o1', 'o9']]);
      unsubscribe();
      await store.commit({ upserts: [eta('o2')], removals: [] }, 3);
      expect(heard).toHaveLength(1);
    });

    it('keeps documents and checkpoint for the next store opened on the same state', async () => {
      await store.commit({ upserts: [eta('o1')], removals: [] }, 4);
      const again = await backing.current.open();
      expect(await again.get('o1')).toEqual(eta('o1'));
      expect(await again.checkpoint()).toBe(4);
    });
  });
}
