import type { NewDelivery, PartnerOutboxStore } from '@ot/application';
import { type BackingFactory, freshBackingEachTest } from '@ot/testing';

type Closable = PartnerOutboxStore & { close?: () => unknown };

const delivery = (id: string, createdAt = '2026-01-09T12:00:00.000Z'): NewDelivery => ({
  deliveryId: id,
  orderId: `o-${id}`,
  partner: 'courier',
  body: JSON.stringify({ actionId: id }),
  createdAt,
});
const T0 = '2026-01-09T12:00:00.000Z';
const T1 = '2026-01-09T12:01:00.000Z';
const T2 = '2026-01-09T12:02:00.000Z';

/** One suite, every outbound outbox: what the dispatcher and the ops re-drive rely on. */
export function describePartnerOutboxContract(name: string, backings: BackingFactory<Closable>): void {
  describe(`PartnerOutboxStore contract: ${name}`, () => {
    const backing = freshBackingEachTest(backings);
    let store: Closable;
    beforeEach(async () => {
      store = await backing.current.open();
    });

    it('queues each delivery once and moves the checkpoint with it, never backwards', async () => {
      expect(await store.checkpoint()).toBe(0);
      await store.enqueue([delivery('a'), delivery('b')], 5);
      await store.enqueue([delivery('a')], 3); // a replay of the log
      expect(await store.checkpoint()).toBe(5);
      expect(await store.get('a')).toEqual({ ...delivery('a'), state: 'pending', attempts: 0, nextAttemptAt: T0 });
      expect((await store.claimDue(T0, T1, 10)).map((d) => d.deliveryId).sort()).toEqual(['a', 'b']);
    });

    it('leases what it claims: a second claim before the lease ends gets nothing, after it gets the delivery again', async () => {
      await store.enqueue([delivery('a')], 1);
      const other = await backing.current.open(); // another host on the same state
      const [first, second] = await Promise.all([store.claimDue(T0, T1, 10), other.claimDue(T0, T1, 10)]);
      expect(first.length + second.length).toBe(1);
      expect(await store.claimDue(T0, T1, 10)).toEqual([]);
      expect((await store.claimDue(T1, T2, 10)).map((d) => d.nextAttemptAt)).toEqual([T2]);
    });

    it('records attempts: retried later, delivered, or dead and re-driven with attempts reset', async () => {
      await store.enqueue([delivery('a'), delivery('b')], 2);
      await store.recordAttempt('a', { state: 'pending', error: 'courier answered 500', nextAttemptAt: T2 });
      expect(await store.claimDue(T1, T1, 10)).toEqual([expect.objectContaining({ deliveryId: 'b' })]);
      expect(await store.get('a')).toEqual(expect.objectContaining({ attempts: 1, state: 'pending', lastError: 'courier answered 500', nextAttemptAt: T2 }));
      await store.recordAttempt('b', { state: 'delivered', at: T1 });
      expect(await store.get('b')).toEqual(expect.objectContaining({ attempts: 1, state: 'delivered', deliveredAt: T1 }));
      await store.recordAttempt('a', { state: 'dead', error: 'courier answered 500 again' });
      expect(await store.deadLetters(10)).toEqual([
        expect.objectContaining({ deliveryId: 'a', attempts: 2, state: 'dead', lastError: 'courier answered 500 again' }),
      ]);
      expect(await store.claimDue('2030-01-01T00:00:00.000Z', '2030-01-01T00:00:00.000Z', 10)).toEqual([]);
      expect(await store.redrive('b', T2)).toBe(false); // not dead
      expect(await store.redrive('a', T2)).toBe(true);
      expect(await store.deadLetters(10)).toEqual([]);
      expect(await store.claimDue(T2, T2, 10)).toEqual([expect.objectContaining({ deliveryId: 'a', attempts: 0, state: 'pending' })]);
    });

    it('hands its state to the next store opened on it (a restart)', async () => {
      await store.enqueue([delivery('a')], 9);
      const again = await backing.current.open();
      expect(await again.checkpoint()).toBe(9);
      expect(await again.get('a')).toEqual(expect.objectContaining({ state: 'pending' }));
    });
  });
}
