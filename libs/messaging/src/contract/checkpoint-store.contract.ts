import type { CheckpointStore } from '@ot/application';
import { type BackingFactory, freshBackingEachTest } from '@ot/testing';

type Closable = CheckpointStore & { close?: () => unknown };

/** One suite, every checkpoint store: what a relay (or any reader of the whole log) relies on. */
export function describeCheckpointStoreContract(name: string, backings: BackingFactory<Closable>): void {
  describe(`CheckpointStore contract: ${name}`, () => {
    const backing = freshBackingEachTest(backings);
    let store: Closable;
    beforeEach(async () => {
      store = await backing.current.open();
    });

    it('starts a reader it never saw at 0, the beginning of the log', async () => {
      expect(await store.load('relay:order-events')).toBe(0);
    });

    it('keeps one position per reader and never moves one backwards', async () => {
      await store.save('a', 7);
      await store.save('a', 3);
      await store.save('b', 2);
      expect([await store.load('a'), await store.load('b')]).toEqual([7, 2]);
    });

    it('holds positions past 2^31 (a long-lived log)', async () => {
      await store.save('a', 2 ** 40);
      expect(await store.load('a')).toBe(2 ** 40);
    });

    it('hands the position to the next store opened on the same state (a restart, another host)', async () => {
      await store.save('a', 11);
      const again = await backing.current.open();
      expect(await again.load('a')).toBe(11);
      await Promise.all([store.save('a', 20), again.save('a', 15)]); // racing savers: the furthest wins
      expect(await store.load('a')).toBe(20);
    });
  });
}
