import { StatusProjection, type StatusViewStore } from '@ot/application';
import { type BackingFactory, freshBackingEachTest, partnerEvent, placed, recorded } from '@ot/testing';

type Closable = StatusViewStore & { close?: () => unknown };

/** One suite, every status view store: what the projection and GET /orders/:id rely on. */
export function describeStatusViewContract(name: string, backings: BackingFactory<Closable>): void {
  describe(`StatusViewStore contract: ${name}`, () => {
    const backing = freshBackingEachTest(backings);
    let store: Closable;
    let projection: StatusProjection;
    beforeEach(async () => {
      store = await backing.current.open();
      projection = new StatusProjection(store);
    });

    const history = recorded(
      placed('o1'),
      placed('o2', { customerId: 'c2' }),
      partnerEvent('HandedToCarrier', '2026-01-02T10:00:00.000Z', { carrier: 'courier' }, { orderId: 'o1' }),
      partnerEvent('InTransit', '2026-01-03T10:00:00.000Z', { location: { city: 'campinas', state: 'SP' } }, { orderId: 'o1' }),
      partnerEvent('OutForDelivery', '2026-01-04T08:00:00.000Z', {}, { orderId: 'o1' }),
      partnerEvent('InTransit', '2026-01-03T18:00:00.000Z', { location: { city: 'jundiai', state: 'SP' } }, { orderId: 'o1' }),
    );

    it('starts from checkpoint 0 and knows no documents', async () => {
      expect(await store.checkpoint()).toBe(0);
      expect(await store.get('nope')).toBeUndefined();
      expect(await store.stored('nope')).toBeUndefined();
    });

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

    it('hands the read path the document exactly as serialised, with its owner and version', async () => {
      await projection.apply(history);
      const o1 = await store.get('o1');
      expect(await store.stored('o1')).toEqual({ customerId: 'c1', version: 5, json: JSON.stringify(o1) });
    });

    it('tells its listeners which orders a commit changed, before the commit resolves, until they unsubscribe', async () => {
      const heard: string[][] = [];
      const unsubscribe = store.onCommit((ids) => heard.push([...ids].sort()));
      await projection.apply(history.slice(0, 2));
      expect(heard).toEqual([['o1', 'o2']]);
      await store.commit([], 7); // a checkpoint move alone changes no document
      expect(heard).toHaveLength(1);
      expect(await store.checkpoint()).toBe(7);
      unsubscribe();
      await projection.apply(history.slice(2));
      expect(heard).toHaveLength(1);
    });

    it('keeps documents and checkpoint for the next store opened on the same state (a restart, another replica)', async () => {
      await projection.apply(history.slice(0, 3));
      const again = await backing.current.open();
      expect(await again.get('o1')).toMatchObject({ orderId: 'o1', status: 'HandedToCarrier', version: 2 });
      expect(await again.stored('o2')).toMatchObject({ customerId: 'c2', version: 1 });
      expect(await again.checkpoint()).toBe(3);
    });
  });
}
