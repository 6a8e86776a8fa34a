import type { AttemptStatus, NotificationInbox, NotificationLog, NotificationOutbox, PreferencesStore } from '@ot/application';
import type { SendNotification } from '@ot/domain';
import { type BackingFactory, freshBackingEachTest, preferencesOf } from '@ot/testing';

export type NotifierStores = Readonly<{ store: NotificationInbox & NotificationOutbox; prefs: PreferencesStore; log: NotificationLog; close?: () => unknown }>;
type Stores = NotifierStores;
export const T0 = '2026-01-02T12:00:00.000Z';
export const s = (id: string, over: Partial<SendNotification> = {}): SendNotification => ({
  notificationId: id,
  orderId: 'o1',
  customerId: 'c1',
  kind: 'shipped',
  urgent: false,
  channels: ['push'],
  notBefore: T0,
  facts: { orderId: 'o1' },
  ...over,
});
export const order = { orderId: 'o1', customerId: 'c1', status: 'Placed' as const, statusAt: T0 };

/**
 * One suite, every notifier state adapter: the decision log, the outbox, preferences and the attempt
 * log. `durable: false` (the in-memory double) leaves out what only a store that serialises can show.
 */
export function describeNotifierStoresContract(name: string, backings: BackingFactory<Stores>, { durable = true }: { durable?: boolean } = {}): void {
  describe(`notifier stores contract: ${name}`, () => {
    const backing = freshBackingEachTest(backings);
    const make = () => backing.current.open();

    it('records an event once: a second record of the same position writes nothing', async () => {
      const { store } = await make();
      expect((await store.handled([1])).has(1)).toBe(false);
      expect(await store.record({ globalPosition: 1, orderId: 'o1', order, sends: [s('a')], superseded: [], at: T0 })).toEqual([true]);
      expect(await store.record({ globalPosition: 1, orderId: 'o1', order, sends: [s('b')], superseded: [], at: T0 })).toEqual([false]);
      expect((await store.handled([1])).has(1)).toBe(true);
      expect(await store.orderContext('o1')).toEqual(order);
      expect((await store.pendingFor('o1')).map((x) => x.notificationId)).toEqual(['a']);
    });

    it('tells which of the positions asked are handled, be they a page of consecutive ones or far apart', async () => {
      const { store } = await make();
      await store.record(...[2, 3, 5, 1000, 5000].map((globalPosition) => ({ globalPosition, orderId: 'o1', sends: [], superseded: [], at: T0 })));
      expect(await store.handled([1, 2, 3, 4, 5, 6])).toEqual(new Set([2, 3, 5]));
      expect(await store.handled([2, 4, 5, 6])).toEqual(new Set([2, 5])); // 3 lies between them, handled, but not asked
      expect(await store.handled([4, 1000, 3000, 5000])).toEqual(new Set([1000, 5000]));
      expect(await store.handled([])).toEqual(new Set());
    });

    it('records several events in one call, in order, each at most once', async () => {
      const { store } = await make();
      const done = await store.record(
        { globalPosition: 1, orderId: 'o1', order, sends: [s('a')], superseded: [], at: T0 },
        { globalPosition: 2, orderId: 'o1', order: { ...order, status: 'HandedToCarrier' }, sends: [s('b')], superseded: ['a'], at: T0 },
        { globalPosition: 1, orderId: 'o1', order, sends: [s('c')], superseded: [], at: T0 },
      );
      expect(done).toEqual([true, true, false]);
      expect(await store.handled([3, 1, 2])).toEqual(new Set([1, 2]));
      expect((await store.orderContext('o1'))?.status).toBe('HandedToCarrier');
      expect((await store.pendingFor('o1')).map((x) => x.notificationId)).toEqual(['b']);
    });

    it('claims due sends under a lease, supersedes, reschedules, sends and dead-letters', async () => {
      const { store } = await make();
      await store.record({ globalPosition: 1, orderId: 'o1', sends: [s('a'), s('later', { notBefore: '2026-01-02T13:00:00.000Z' })], superseded: [], at: T0 });
      const lease = '2026-01-02T12:01:00.000Z';
      expect((await store.claimDue(T0, lease, 10)).map((x) => x.notificationId)).toEqual(['a']);
      expect(await store.claimDue(T0, lease, 10)).toEqual([]); // leased: a second dispatcher does not get it
      expect((await store.claimDue(lease, '2026-01-02T12:02:00.000Z', 10)).map((x) => [x.notificationId, x.attempts])).toEqual([['a', 0]]);
      await store.reschedule('a', 1, '2026-01-02T12:10:00.000Z', 'busy');
      expect((await store.claimDue('2026-01-02T12:10:00.000Z', '2026-01-02T12:11:00.000Z', 10))[0].attempts).toBe(1);
      await store.markSent('a', '2026-01-02T12:10:01.000Z');
      expect((await store.sentTo('c1', '2026-01-01T00:00:00.000Z')).map((x) => [x.notificationId, x.at])).toEqual([
        ['a', '2026-01-02T12:10:01.000Z'],
        ['later', '2026-01-02T13:00:00.000Z'],
      ]);
      await store.record({ globalPosition: 2, orderId: 'o1', sends: [s('newer')], superseded: ['later'], at: T0 });
      expect((await store.pendingFor('o1')).map((x) => x.notificationId)).toEqual(['newer']);
      await store.deadLetter('newer', 'permanent', 1, T0);
      expect(await store.deadLetters()).toEqual([
        { notificationId: 'newer', orderId: 'o1', customerId: 'c1', kind: 'shipped', reason: 'permanent', attempts: 1, at: T0 },
      ]);
      expect(await store.redrive('newer', lease)).toBe(true);
      expect(await store.redrive('newer', lease)).toBe(false);
      expect((await store.claimDue(lease, '2026-01-02T12:05:00.000Z', 10)).map((x) => [x.notificationId, x.attempts])).toEqual([['newer', 0]]);
    });

    it('claims a send with the instant it became due (its notBefore, then its retry time), not the lease', async () => {
      const { store } = await make();
      await store.record({ globalPosition: 1, orderId: 'o1', sends: [s('a', { notBefore: '2026-01-02T11:00:00.000Z' })], superseded: [], at: T0 });
      expect((await store.claimDue(T0, '2026-01-02T12:01:00.000Z', 10)).map((x) => x.dueAt)).toEqual(['2026-01-02T11:00:00.000Z']);
      await store.reschedule('a', 1, '2026-01-02T11:30:00.000Z', 'busy');
      expect((await store.claimDue(T0, '2026-01-02T12:01:00.000Z', 10)).map((x) => x.dueAt)).toEqual(['2026-01-02T11:30:00.000Z']);
    });

    it('claims a send whose dispatcher died as the same message: due at the same instant once its lease has run out', async () => {
      const { store } = await make();
      await store.record({ globalPosition: 1, orderId: 'o1', sends: [s('a', { notBefore: '2026-01-02T11:00:00.000Z' })], superseded: [], at: T0 });
      const [first] = await store.claimDue(T0, '2026-01-02T12:01:00.000Z', 10); // ...and the dispatcher is killed mid-send
      const [again] = await store.claimDue('2026-01-02T12:01:00.000Z', '2026-01-02T12:02:00.000Z', 10);
      const [third] = await store.claimDue('2026-01-02T12:02:00.000Z', '2026-01-02T12:03:00.000Z', 10);
      expect([again, third]).toEqual([
        { ...first, nextAttemptAt: '2026-01-02T12:02:00.000Z' },
        { ...first, nextAttemptAt: '2026-01-02T12:03:00.000Z' },
      ]);
      expect(first.dueAt).toBe('2026-01-02T11:00:00.000Z');
      await store.reschedule('a', 1, '2026-01-02T12:30:00.000Z', 'busy'); // a retry is a new instant
      expect((await store.claimDue('2026-01-02T12:30:00.000Z', '2026-01-02T12:31:00.000Z', 10)).map((x) => x.dueAt)).toEqual(['2026-01-02T12:30:00.000Z']);
    });

    it("releases a customer's sends held only by quiet hours: due at the later of now and when they were held from", async () => {
      const { store } = await make();
      const night = '2026-01-03T08:00:00.000Z';
      await store.record({
        globalPosition: 1,
        orderId: 'o1',
        sends: [
          s('held', { notBefore: night, heldFrom: '2026-01-02T11:00:00.000Z' }),
          s('collapsing', { notBefore: night, heldFrom: '2026-01-02T12:02:00.000Z' }),
          s('reminder', { notBefore: night }), // due then for its own reason: not moved
          s('other', { customerId: 'c2', notBefore: night, heldFrom: '2026-01-02T11:00:00.000Z' }),
          s('merged', { notBefore: '2026-01-02T12:30:00.000Z', heldFrom: '2026-01-02T13:00:00.000Z' }), // collapsed to an earlier time: never moved later
        ],
        superseded: [],
        at: T0,
      });
      await store.record({ globalPosition: 2, orderId: 'o1', sends: [s('late', { notBefore: '2026-01-02T11:00:00.000Z' })], superseded: [], at: T0 });
      await store.claimDue(T0, '2026-01-02T12:01:00.000Z', 10); // "late" is due: the dispatcher holds it for quiet hours
      await store.reschedule('late', 0, night, 'held-quiet-hours', '2026-01-02T11:00:00.000Z');
      await store.reschedule('reminder', 0, night, 'busy'); // a retry: not a quiet-hours hold

      expect(await store.releaseQuietHolds('c1', T0)).toBe(4);
      const due = async (at: string) => (await store.claimDue(at, '2026-01-02T13:00:00.000Z', 10)).map((x) => [x.notificationId, x.dueAt]);
      expect(await due(T0)).toEqual([
        ['held', T0],
        ['late', T0],
      ]);
      expect(await due('2026-01-02T12:02:00.000Z')).toEqual([['collapsing', '2026-01-02T12:02:00.000Z']]);
      expect(await due('2026-01-02T12:30:00.000Z')).toEqual([['merged', '2026-01-02T12:30:00.000Z']]);
      expect(await store.releaseQuietHolds('c1', T0)).toBe(0); // released once; the dispatcher holds again if it must
    });

    it('keeps one row per digest: a new version of a queued digest replaces it, one already sent is left alone', async () => {
      const { store } = await make();
      const digest = (...orderIds: string[]) =>
        s('digest:c1:slot', {
          kind: 'digest',
          notBefore: '2026-01-02T15:00:00.000Z',
          facts: { orderId: 'o1', digest: orderIds.map((orderId) => ({ orderId, kind: 'shipped' as const, facts: { orderId } })) },
        });
      await store.record({ globalPosition: 1, orderId: 'o1', sends: [digest('o1')], superseded: [], at: T0 });
      await store.record({ globalPosition: 2, orderId: 'o2', sends: [digest('o1', 'o2')], superseded: [], at: T0 });
      expect(await store.pendingFor('o1')).toEqual([]); // never part of an order's burst
      expect(await store.pendingDigests('c1')).toEqual([digest('o1', 'o2')]);
      expect((await store.sentTo('c1', T0)).map((x) => x.notificationId)).toEqual(['digest:c1:slot']);
      const [claimed, ...more] = await store.claimDue('2026-01-02T15:00:00.000Z', '2026-01-02T15:01:00.000Z', 10);
      expect(more).toEqual([]);
      expect(claimed.facts.digest!.map((i) => i.orderId)).toEqual(['o1', 'o2']);
      await store.markSent('digest:c1:slot', '2026-01-02T15:00:00.000Z');
      await store.record({ globalPosition: 3, orderId: 'o3', sends: [digest('o1', 'o2', 'o3')], superseded: [], at: T0 });
      expect(await store.pendingDigests('c1')).toEqual([]);
    });

    it('reads a batch ahead exactly as the single reads show each order and customer', async () => {
      const { store } = await make();
      const o2 = { ...order, orderId: 'o2', customerId: 'c2' };
      const digest = s('digest:c1:slot', { kind: 'digest', notBefore: '2026-01-02T15:00:00.000Z' });
      await store.record(
        { globalPosition: 1, orderId: 'o1', order, sends: [s('a'), s('old', { notBefore: '2026-01-01T00:00:00.000Z' }), digest], superseded: [], at: T0 },
        {
          globalPosition: 2,
          orderId: 'o2',
          order: o2,
          sends: [s('b', { orderId: 'o2', customerId: 'c2' }), s('gone', { orderId: 'o2', customerId: 'c2' })],
          superseded: [],
          at: T0,
        },
        { globalPosition: 3, orderId: 'o2', order: o2, sends: [], superseded: ['gone'], at: T0 },
      );
      await store.claimDue(T0, '2026-01-02T12:01:00.000Z', 1);
      await store.markSent('a', '2026-01-02T12:00:30.000Z');
      const since = '2026-01-02T00:00:00.000Z';
      const read = await store.readAhead(['o1', 'o2', 'o3'], ['c3'], since, T0); // o3: no context yet; c3: a customer named by its event
      expect(new Map(read.contexts)).toEqual(
        new Map([
          ['o1', order],
          ['o2', o2],
        ]),
      );
      for (const o of ['o1', 'o2', 'o3']) expect(read.pending.get(o)).toEqual(await store.pendingFor(o));
      for (const c of ['c1', 'c2', 'c3']) {
        expect(read.sent.get(c)).toEqual(await store.sentTo(c, since));
        expect(read.digests.get(c)).toEqual(await store.pendingDigests(c, T0));
      }
      expect([...read.sent.keys()].sort()).toEqual(['c1', 'c2', 'c3']);
      expect(read.sent.get('c1')!.map((x) => x.notificationId)).toEqual(['a', 'digest:c1:slot']);
      expect(read.digests.get('c1')).toEqual([digest]);
    });

    it('reads only the contexts of orders asked for their context alone: not their sends, nor their customers', async () => {
      const { store } = await make();
      const o2 = { ...order, orderId: 'o2', customerId: 'c2' };
      await store.record(
        { globalPosition: 1, orderId: 'o1', order, sends: [s('a')], superseded: [], at: T0 },
        { globalPosition: 2, orderId: 'o2', order: o2, sends: [s('b', { orderId: 'o2', customerId: 'c2' })], superseded: [], at: T0 },
      );
      const read = await store.readAhead(['o1'], [], '2026-01-02T00:00:00.000Z', T0, ['o2', 'o3']);
      expect(new Map(read.contexts)).toEqual(
        new Map([
          ['o1', order],
          ['o2', o2],
        ]),
      );
      expect([...read.pending.keys()]).toEqual(['o1']);
      expect([...read.sent.keys()]).toEqual(['c1']);
      expect([...read.digests.keys()]).toEqual(['c1']);
    });

    it('leaves out of a read the queued digests due by its instant: no decision from then on joins or withdraws them', async () => {
      const { store } = await make();
      const due = s('digest:c1:due', { kind: 'digest', notBefore: '2026-01-02T12:00:00.000Z' });
      const ahead = s('digest:c1:ahead', { kind: 'digest', notBefore: '2026-01-02T15:00:00.000Z' });
      await store.record({ globalPosition: 1, orderId: 'o1', order, sends: [due, ahead], superseded: [], at: T0 });
      expect(await store.pendingDigests('c1')).toEqual([due, ahead]);
      expect(await store.pendingDigests('c1', '2026-01-02T11:59:59.999Z')).toEqual([due, ahead]);
      expect(await store.pendingDigests('c1', '2026-01-02T12:00:00.000Z')).toEqual([ahead]);
      const read = await store.readAhead(['o1'], [], '2026-01-01T12:00:00.000Z', '2026-01-02T12:00:00.000Z');
      expect(read.digests.get('c1')).toEqual([ahead]);
      expect(read.sent.get('c1')!.map((x) => x.notificationId)).toEqual(['digest:c1:due', 'digest:c1:ahead']); // still counted by the caps
    });

    it('keeps preferences whole and forgets one device token', async () => {
      const { prefs } = await make();
      await prefs.put(preferencesOf('c1', { contacts: { deviceTokens: ['t1', 't2'], email: 'a@b.c' } }));
      await prefs.removeDeviceToken('c1', 't1');
      await prefs.removeDeviceToken('nobody', 't1');
      expect((await prefs.get('c1'))?.contacts).toEqual({ deviceTokens: ['t2'], email: 'a@b.c' });
      expect(await prefs.get('nobody')).toBeUndefined();
    });

    it("reads several customers' preferences at once, as get() gives them, leaving out those without", async () => {
      const { prefs } = await make();
      await prefs.put(preferencesOf('c1'));
      await prefs.put(preferencesOf('c2', { language: 'ru' }));
      const many = await prefs.getMany(['c1', 'nobody', 'c2']);
      expect(new Map(many)).toEqual(
        new Map([
          ['c1', await prefs.get('c1')],
          ['c2', await prefs.get('c2')],
        ]),
      );
      expect(await prefs.getMany([])).toEqual(new Map());
    });

    it('logs attempts per order in order', async () => {
      const { log } = await make();
      await log.append({ orderId: 'o1', notificationId: 'a', kind: 'shipped', channel: 'push', status: 'transient-failure', error: 'busy', at: T0 });
      await log.append({ orderId: 'o2', notificationId: 'b', kind: 'shipped', status: 'dead-lettered', at: T0 });
      await log.append({ orderId: 'o1', notificationId: 'a', kind: 'shipped', channel: 'push', status: 'sent', providerMessageId: 'p1', at: T0 });
      expect((await log.forOrder('o1')).map((a) => [a.status, a.providerMessageId ?? a.error])).toEqual([
        ['transient-failure', 'busy'],
        ['sent', 'p1'],
      ]);
    });

    it('counts per order the notifications that reached the customer: one per notification, whatever its channels and retries', async () => {
      const { log } = await make();
      const line = (orderId: string, notificationId: string, channel: 'push' | 'sms' | undefined, status: AttemptStatus) => ({
        orderId,
        notificationId,
        kind: 'shipped' as const,
        status,
        at: T0,
        ...(channel ? { channel } : {}),
      });
      await log.append(
        line('o1', 'a', 'push', 'transient-failure'),
        line('o1', 'a', 'push', 'sent'),
        line('o1', 'a', 'sms', 'sent'), // one notification on two channels is one message for ops
        line('o1', 'b', 'push', 'sent'),
        line('o2', 'c', undefined, 'opted-out'),
        line('o2', 'd', undefined, 'dead-lettered'),
        line('o3', 'e', 'push', 'sent'),
      );
      expect(await log.sentCountsByOrder(['o1', 'o2', 'nobody'])).toEqual(
        new Map([
          ['o1', 2],
          ['o2', 0],
          ['nobody', 0],
        ]),
      );
      expect(await log.sentCountsByOrder([])).toEqual(new Map());
    });

    it('counts outcomes by channel and status, decisions without a channel last, from an instant when given', async () => {
      const { log } = await make();
      const later = '2026-01-03T00:00:00.000Z';
      const line = (n: number, channel: 'push' | 'sms' | undefined, status: AttemptStatus, at = T0) => ({
        orderId: 'o1',
        notificationId: `n${n}`,
        kind: 'shipped' as const,
        status,
        at,
        ...(channel ? { channel } : {}),
      });
      await log.append(
        line(1, 'sms', 'sent'),
        line(2, 'push', 'transient-failure'),
        line(3, 'push', 'sent'),
        line(4, undefined, 'dead-lettered'),
        line(5, 'push', 'sent', later),
        line(6, 'sms', 'permanent-failure', later),
      );
      expect(await log.outcomesByChannel()).toEqual([
        { channel: 'push', status: 'sent', n: 2 },
        { channel: 'push', status: 'transient-failure', n: 1 },
        { channel: 'sms', status: 'permanent-failure', n: 1 },
        { channel: 'sms', status: 'sent', n: 1 },
        { channel: null, status: 'dead-lettered', n: 1 },
      ]);
      expect(await log.outcomesByChannel(later)).toEqual([
        { channel: 'push', status: 'sent', n: 1 },
        { channel: 'sms', status: 'permanent-failure', n: 1 },
      ]);
    });

    (durable ? it : it.skip)('records a batch atomically: a failure on its last event writes none of it', async () => {
      const { store } = await make();
      const broken = { ...s('bad'), facts: { orderId: 'o1', n: BigInt(1) } as unknown as SendNotification['facts'] }; // cannot be serialised: throws mid-transaction
      await expect(
        store.record(
          { globalPosition: 1, orderId: 'o1', order, sends: [s('a')], superseded: [], at: T0 },
          { globalPosition: 2, orderId: 'o1', order, sends: [broken], superseded: [], at: T0 },
        ),
      ).rejects.toThrow();
      expect((await store.handled([1])).has(1)).toBe(false);
      expect(await store.orderContext('o1')).toBeUndefined();
      expect(await store.pendingFor('o1')).toEqual([]);
      expect(await store.record({ globalPosition: 1, orderId: 'o1', order, sends: [s('a')], superseded: [], at: T0 })).toEqual([true]); // redelivered
    });

    it('writes a batch of attempt lines in the order given', async () => {
      const { log } = await make();
      const line = (n: number) => ({ orderId: 'o1', notificationId: `n${n}`, kind: 'shipped' as const, status: 'opted-out' as const, at: T0 });
      await log.append(...[1, 2, 3, 4, 5].map(line));
      expect((await log.forOrder('o1')).map((a) => a.notificationId)).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
    });

    it('hands decisions, sends and preferences to the next stores opened on the same state (a restart, another host)', async () => {
      const first = await make();
      await first.store.record({ globalPosition: 9, orderId: 'o1', order, sends: [s('a')], superseded: [], at: T0 });
      await first.prefs.put(preferencesOf('c1'));
      const again = await make();
      expect((await again.store.handled([9])).has(9)).toBe(true);
      expect(await again.store.record({ globalPosition: 9, orderId: 'o1', order, sends: [s('b')], superseded: [], at: T0 })).toEqual([false]);
      expect((await again.store.pendingFor('o1')).map((x) => x.notificationId)).toEqual(['a']);
      expect(await again.prefs.get('c1')).toEqual(preferencesOf('c1'));
    });
  });
}
