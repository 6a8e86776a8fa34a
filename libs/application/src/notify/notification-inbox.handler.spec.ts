import { InMemoryEventStore } from '@ot/event-store';
import { EventRelay, InMemoryCheckpointStore, InProcessMessageBus } from '@ot/messaging';
import { DEFAULT_FREQUENCY_LIMITS, type OrderEvent } from '@ot/domain';
import {
  FakeClock,
  InMemoryNotificationLog,
  InMemoryNotificationStore,
  InMemoryPreferencesStore,
  partnerEvent,
  placed,
  preferencesOf,
  RecordingChannelSender,
  simpleTestPolicy,
} from '@ot/testing';
import type { RecordedEvent } from '../ports/event-store.port';
import { separateDecisionJournal } from './decision-journal.port';
import { domainNotifierPolicy, domainRenderer } from './domain-notifier.policy';
import { NotificationInboxHandler } from './notification-inbox.handler';
import { NotificationDispatcher } from './notification.dispatcher';
import type { EventDecisions, NotificationInbox } from './notification.store.port';
import type { NotifierPolicy, NotifierPolicyInput } from './notifier-policy.port';

const until = async (check: () => boolean | Promise<boolean>): Promise<void> => {
  for (let i = 0; i < 400 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
  if (!(await check())) throw new Error('timed out');
};

async function setup(policy: NotifierPolicy = simpleTestPolicy) {
  const clock = new FakeClock('2026-01-02T12:00:00.000Z');
  const store = new InMemoryEventStore();
  const bus = new InProcessMessageBus({ redeliveryDelayMs: 5 });
  const checkpoints = new InMemoryCheckpointStore();
  const notifications = new InMemoryNotificationStore();
  const preferences = new InMemoryPreferencesStore();
  await preferences.put(preferencesOf('c1'));
  const push = new RecordingChannelSender('push');
  const sms = new RecordingChannelSender('sms');
  const log = new InMemoryNotificationLog();
  const dispatcher = new NotificationDispatcher(
    notifications,
    preferences,
    log,
    new Map([
      ['push', push],
      ['sms', sms],
    ]),
    domainRenderer,
    clock,
    { random: () => 0.5 },
  );
  const newHandler = () => new NotificationInboxHandler(notifications, preferences, policy, log);
  const relay = new EventRelay(store, bus, checkpoints, { retryDelayMs: 5 });
  const order = async (id: string) => {
    await store.appendToStream(`order-${id}`, [placed(id)], { expectedVersion: 0 });
    await store.appendToStream(`order-${id}`, [partnerEvent('HandedToCarrier', '2026-01-02T09:00:00.000Z', {}, { orderId: id })], { expectedVersion: 1 });
    await store.appendToStream(`order-${id}`, [partnerEvent('OutForDelivery', '2026-01-02T11:00:00.000Z', {}, { orderId: id })], { expectedVersion: 2 });
  };
  return { clock, store, bus, checkpoints, notifications, preferences, push, sms, log, dispatcher, newHandler, relay, order };
}

describe('NotificationInboxHandler over the in-process bus', () => {
  it('sends exactly once per notification across redelivery and a restart between record and ack', async () => {
    const t = await setup();
    await t.order('o1');
    await t.order('o2');
    let crashed = false;
    const first = t.newHandler();
    // Instance A records the batch holding event 3, then "dies" before acknowledging it.
    const a = await t.bus.subscribe('notifier', async (batch) => {
      await first.onBatch(batch);
      if (batch.some((m) => m.value.globalPosition === 3)) {
        crashed = true;
        await new Promise(() => undefined);
      }
    });
    await t.relay.start();
    await until(() => crashed);
    await a.stop();
    const handledByB: number[] = [];
    const second = t.newHandler();
    await t.bus.subscribe('notifier', async (batch) => {
      handledByB.push(...batch.map((m) => m.value.globalPosition));
      await second.onBatch(batch);
    });
    await until(async () => (await t.checkpoints.load('relay:order-events')) === 6);
    expect(handledByB).toContain(3); // redelivered to the new instance...

    const [again] = await t.store.readAll(2, 1); // ...and once more by hand, for good measure
    await second.handleBatch([again]);
    await t.dispatcher.tick();
    await t.dispatcher.tick();

    const ids = t.push.sent.map((m) => m.notificationId).sort();
    expect(ids).toEqual(['o1:out-for-delivery:3', 'o1:shipped:2', 'o2:out-for-delivery:6', 'o2:shipped:5']);
    expect(t.sms.sent).toEqual([]);
    expect(t.log.attempts.filter((x) => x.status === 'sent')).toHaveLength(4);
    await t.relay.stop();
  });

  it('decides nothing for an order it never saw placed; without preferences, sends nothing and logs why', async () => {
    const t = await setup(domainNotifierPolicy());
    const handler = t.newHandler();
    await t.store.appendToStream('order-x', [partnerEvent('OutForDelivery', '2026-01-02T11:00:00.000Z', {}, { orderId: 'x' })], { expectedVersion: 0 });
    await t.store.appendToStream('order-y', [placed('y', { customerId: 'nobody' })], { expectedVersion: 0 });
    await t.store.appendToStream('order-y', [partnerEvent('OutForDelivery', '2026-01-02T11:00:00.000Z', {}, { orderId: 'y' })], { expectedVersion: 1 });
    await handler.handleBatch(await t.store.readAll(0, 10)); // one batch: later events of an order see the earlier ones
    expect(await t.notifications.handled([1, 3, 7])).toEqual(new Set([1, 3]));
    expect(await t.dispatcher.tick()).toBe(0);
    expect(await t.notifications.orderContext('y')).toMatchObject({ customerId: 'nobody', status: 'OutForDelivery' });
    expect(await t.log.forOrder('y')).toEqual([
      { orderId: 'y', notificationId: 'y:out-for-delivery:3', kind: 'out-for-delivery', status: 'opted-out', at: '2026-01-02T11:00:00.000Z' },
    ]);
  });

  it('hands a batch and its unsent lines to the journal in one call, where the store can commit them together', async () => {
    const t = await setup(domainNotifierPolicy());
    const journaled: EventDecisions[][] = [];
    const journal = { record: async (decisions: readonly EventDecisions[]) => (journaled.push([...decisions]), t.notifications.record(...decisions)) };
    const handler = new NotificationInboxHandler(t.notifications, t.preferences, domainNotifierPolicy(), t.log, journal);
    await t.store.appendToStream('order-y', [placed('y', { customerId: 'nobody' })], { expectedVersion: 0 });
    await t.store.appendToStream('order-y', [partnerEvent('OutForDelivery', '2026-01-02T11:00:00.000Z', {}, { orderId: 'y' })], { expectedVersion: 1 });
    await handler.handleBatch(await t.store.readAll(0, 10));
    expect(journaled.map((batch) => batch.map((d) => d.globalPosition))).toEqual([[1, 2]]);
    expect(journaled[0][1].unsent).toEqual([{ orderId: 'y', notificationId: 'y:out-for-delivery:2', kind: 'out-for-delivery', reason: 'opted-out' }]);
    expect(await t.log.forOrder('y')).toEqual([]); // the journal writes the lines, not the handler
  });

  it('hands over no order context for an event that left the order as it was, and still marks and logs it', async () => {
    const t = await setup(domainNotifierPolicy());
    const journaled: EventDecisions[] = [];
    const lines = separateDecisionJournal(t.notifications, t.log);
    const journal = { record: async (decisions: readonly EventDecisions[]) => (journaled.push(...decisions), lines.record(decisions)) };
    const handler = new NotificationInboxHandler(t.notifications, t.preferences, domainNotifierPolicy(), t.log, journal);
    const delay: OrderEvent = {
      type: 'DelayPredicted',
      data: { orderId: 'y', reason: 'eta-beyond-promise', newExpected: '2026-01-20', promisedBy: '2026-01-15', detectedAt: '2026-01-02T10:00:00.000Z' },
    };
    await t.store.appendToStream('order-y', [placed('y', { customerId: 'nobody' })], { expectedVersion: 0 });
    await t.store.appendToStream('order-y', [delay], { expectedVersion: 1 });
    await t.store.appendToStream('order-y', [partnerEvent('OutForDelivery', '2026-01-02T11:00:00.000Z', {}, { orderId: 'y' })], { expectedVersion: 2 });
    const [placedEvent, delayEvent, outEvent] = await t.store.readAll(0, 10);
    await handler.handleBatch([placedEvent]);
    await handler.handleBatch([delayEvent]); // a page of its own: the context comes from the store
    await handler.handleBatch([outEvent]);
    expect(journaled.map((d) => d.order?.status)).toEqual(['Placed', undefined, 'OutForDelivery']);
    expect(await t.notifications.handled([1, 2, 3])).toEqual(new Set([1, 2, 3]));
    expect((await t.log.forOrder('y')).map((line) => [line.kind, line.status])).toEqual([
      ['delay-predicted', 'opted-out'],
      ['out-for-delivery', 'opted-out'],
    ]);
    expect(await t.notifications.orderContext('y')).toMatchObject({ customerId: 'nobody', status: 'OutForDelivery' });
  });

  it('asks the policy nothing about an event it ignores, and still marks it and records the order it moved', async () => {
    const asked: string[] = [];
    const domain = domainNotifierPolicy();
    const policy: NotifierPolicy = Object.assign((input: NotifierPolicyInput) => (asked.push(input.event.type), domain(input)), { ignores: domain.ignores });
    const t = await setup(policy);
    const events = [placed('o1'), partnerEvent('PaymentApproved', '2026-01-01T11:00:00.000Z'), partnerEvent('HandedToCarrier', '2026-01-02T09:00:00.000Z')];
    await t.store.appendToStream('order-o1', events, { expectedVersion: 0 });
    await t.newHandler().handleBatch(await t.store.readAll(0, 10));
    expect(asked).toEqual(['HandedToCarrier']);
    expect([...(await t.notifications.handled([1, 2, 3]))].sort()).toEqual([1, 2, 3]);
    expect(await t.notifications.orderContext('o1')).toMatchObject({ status: 'HandedToCarrier', statusAt: '2026-01-02T09:00:00.000Z' });
  });

  it('reads ahead only the context of an order whose batch events the policy all ignores', async () => {
    const t = await setup(domainNotifierPolicy());
    const readAhead = jest.spyOn(t.notifications, 'readAhead');
    await t.store.appendToStream('order-o1', [placed('o1'), partnerEvent('HandedToCarrier', '2026-01-02T09:00:00.000Z')], { expectedVersion: 0 });
    await t.store.appendToStream('order-o2', [placed('o2', { customerId: 'c2' })], { expectedVersion: 0 });
    await t.newHandler().handleBatch(await t.store.readAll(0, 10));
    expect(readAhead.mock.calls.map(([orderIds, customerIds, , , contextsOnly]) => [orderIds, customerIds, contextsOnly])).toEqual([[['o1'], ['c1'], ['o2']]]);
    expect(await t.notifications.orderContext('o2')).toMatchObject({ customerId: 'c2', status: 'Placed' });
  });

  it("runs the domain policy at each event's own time: news hours apart both go, each stamped with the instant it became due", async () => {
    const t = await setup(domainNotifierPolicy());
    const handler = t.newHandler();
    await t.order('o1'); // placed, shipped 09:00 (held for the 2-minute collapse window), out for delivery 11:00 (urgent)
    await handler.handleBatch(await t.store.readAll(0, 10)); // decided at 09:00 and 11:00, though handled at 12:00
    expect(await t.dispatcher.tick()).toBe(2); // the dispatcher wakes at 12:00: both are due
    expect(t.push.sent.map((m) => [m.notificationId, m.sentAt, m.orderId, m.kind])).toEqual([
      ['o1:shipped:2', '2026-01-02T09:02:00.000Z', 'o1', 'shipped'],
      ['o1:out-for-delivery:3', '2026-01-02T11:00:00.000Z', 'o1', 'out-for-delivery'],
    ]);
    expect(t.log.attempts.filter((a) => a.status === 'sent').map((a) => a.at)).toEqual(['2026-01-02T09:02:00.000Z', '2026-01-02T11:00:00.000Z']);
  });

  it('collapses a burst (shipped, out for delivery a minute later) into one message', async () => {
    const t = await setup(domainNotifierPolicy());
    await t.store.appendToStream('order-o1', [placed('o1')], { expectedVersion: 0 });
    await t.store.appendToStream('order-o1', [partnerEvent('HandedToCarrier', '2026-01-02T09:00:00.000Z', {}, { orderId: 'o1' })], { expectedVersion: 1 });
    await t.store.appendToStream('order-o1', [partnerEvent('OutForDelivery', '2026-01-02T09:01:00.000Z', {}, { orderId: 'o1' })], { expectedVersion: 2 });
    await t.newHandler().handleBatch(await t.store.readAll(0, 10));
    expect(await t.dispatcher.tick()).toBe(1);
    expect(t.push.sent.map((m) => [m.notificationId, m.sentAt])).toEqual([['o1:out-for-delivery:3', '2026-01-02T09:01:00.000Z']]);
    expect((await t.log.forOrder('o1')).map((a) => [a.notificationId, a.status])).toEqual([
      ['o1:shipped:2', 'superseded'],
      ['o1:out-for-delivery:3', 'sent'],
    ]);
  });
});

describe('NotificationInboxHandler batches', () => {
  const C1_ORDERS = ['o1', 'o2', 'o3', 'o4', 'o5', 'o6'];
  const ORDERS = [...C1_ORDERS, 'o9'];

  /**
   * Six orders of customer c1, interleaved (more news than its daily cap allows, so each decision
   * depends on the ones before it for other orders), and o9 of c2 whose events follow each other.
   */
  async function interleaved(): Promise<RecordedEvent[]> {
    const store = new InMemoryEventStore();
    const steps: [string, OrderEvent][] = [];
    const at = () => new Date(Date.parse('2026-01-02T09:00:00.000Z') + steps.length * 60_000).toISOString();
    for (const id of C1_ORDERS) steps.push([id, placed(id, { customerId: 'c1' })]);
    steps.push(['o9', placed('o9', { customerId: 'c2' })]);
    steps.push(['o9', partnerEvent('HandedToCarrier', at(), {}, { orderId: 'o9' })]);
    for (const id of C1_ORDERS) steps.push([id, partnerEvent('HandedToCarrier', at(), {}, { orderId: id })]);
    steps.push(['o9', partnerEvent('OutForDelivery', at(), {}, { orderId: 'o9' })]);
    for (const id of [...C1_ORDERS, 'o9']) steps.push([id, partnerEvent('Delivered', at(), {}, { orderId: id })]);
    const versions = new Map<string, number>();
    for (const [id, event] of steps) {
      const v = versions.get(id) ?? 0;
      await store.appendToStream(`order-${id}`, [event], { expectedVersion: v });
      versions.set(id, v + 1);
    }
    return store.readAll(0, 100);
  }

  /** The in-memory store, its record() failing on the calls listed in `failOn` (a crash before the commit). */
  class Flaky extends InMemoryNotificationStore {
    calls = 0;
    constructor(private readonly failOn: number[] = []) {
      super();
    }
    override async record(...batch: readonly EventDecisions[]): Promise<boolean[]> {
      if (this.failOn.includes(++this.calls)) throw new Error('crashed before the commit');
      return super.record(...batch);
    }
  }

  async function stateOf(inbox: NotificationInbox, events: readonly RecordedEvent[]) {
    return {
      handled: [...(await inbox.handled(events.map((e) => e.globalPosition)))].sort((a, b) => a - b),
      contexts: await Promise.all(ORDERS.map((o) => inbox.orderContext(o))),
      pending: await Promise.all(ORDERS.map((o) => inbox.pendingFor(o))),
      sent: await Promise.all(['c1', 'c2'].map((c) => inbox.sentTo(c, '2000-01-01T00:00:00.000Z'))),
      digests: await Promise.all(['c1', 'c2'].map((c) => inbox.pendingDigests(c))),
    };
  }

  async function run(
    feed: (h: NotificationInboxHandler, events: RecordedEvent[]) => Promise<void>,
    store = new Flaky(),
    decide: NotifierPolicy = domainNotifierPolicy(),
  ) {
    const events = await interleaved();
    const preferences = new InMemoryPreferencesStore();
    await preferences.put(preferencesOf('c1', { channels: { shipped: ['push'], 'out-for-delivery': ['push'], delivered: ['push'] } }));
    await preferences.put(
      preferencesOf('c2', { channels: { shipped: ['push'], 'out-for-delivery': ['push'], delivered: ['push'] }, contacts: { deviceTokens: ['tok-2'] } }),
    );
    const clock = new FakeClock('2026-01-02T12:00:00.000Z');
    // what every decision was made on: the order, the customer's sent log, the order's pending sends and digests
    const seen: unknown[] = [];
    const domain = decide;
    const policy: NotifierPolicy = (input) => {
      seen.push({ eventId: input.eventId, order: input.order, sent: input.sent, pending: input.pending, digests: input.digests });
      return domain(input);
    };
    const handler = () => new NotificationInboxHandler(store, preferences, policy);
    await feed(handler(), events).catch(() => undefined);
    const retried = store.calls;
    await handler().handleBatch(events); // redelivery of the whole batch, as the bus would after a crash
    const push = new RecordingChannelSender('push');
    const dispatcher = new NotificationDispatcher(store, preferences, new InMemoryNotificationLog(), new Map([['push', push]]), domainRenderer, clock, {
      random: () => 0.5,
    });
    clock.advance(3 * 3_600_000);
    while ((await dispatcher.tick()) > 0);
    return { state: await stateOf(store, events), sent: push.sent.map((m) => m.notificationId).sort(), events, calls: retried, seen };
  }

  const oneAtATime = (h: NotificationInboxHandler, events: RecordedEvent[]) => events.reduce((p, e) => p.then(() => h.handleBatch([e])), Promise.resolve());

  it('decides a batch exactly as one event at a time, in fewer transactions', async () => {
    const tight = domainNotifierPolicy({ limits: { ...DEFAULT_FREQUENCY_LIMITS, perCustomerPerDay: 3 } }); // so c1's news reaches its digest
    const reference = await run(oneAtATime, new Flaky(), tight);
    const batched = await run((h, events) => h.handleBatch(events), new Flaky(), tight);
    expect(reference.sent.length).toBeGreaterThan(2);
    // c1's capped "shipped" went to a digest, which each delivery then emptied (nothing stale is sent)
    expect((reference.seen as { digests: unknown[] }[]).filter((s) => s.digests.length).length).toBeGreaterThan(0);
    expect(reference.sent.filter((id) => id.startsWith('digest:'))).toEqual([]);
    expect(batched.seen).toEqual(reference.seen); // each event decided on the same state
    expect(batched.state).toEqual(reference.state);
    expect(batched.sent).toEqual(reference.sent);
    expect(reference.calls).toBe(reference.events.length);
    expect(batched.calls).toBe(1); // the whole batch in one transaction
  });

  it("reads the batch's orders and customers once, ahead of its decisions, not once per order", async () => {
    class Counting extends Flaky {
      reads: string[] = [];
      private ahead = false; // the in-memory readAhead is made of the single reads
      override async readAhead(...a: Parameters<Flaky['readAhead']>) {
        this.reads.push('readAhead');
        this.ahead = true;
        return super.readAhead(...a).finally(() => (this.ahead = false));
      }
      override async orderContext(orderId: string) {
        if (!this.ahead) this.reads.push('orderContext');
        return super.orderContext(orderId);
      }
      override async sentTo(customerId: string, since: string) {
        if (!this.ahead) this.reads.push('sentTo');
        return super.sentTo(customerId, since);
      }
    }
    const store = new Counting();
    let reads: string[] = [];
    await run(async (h, events) => {
      await h.handleBatch(events);
      reads = [...store.reads];
    }, store);
    expect(reads).toEqual(['readAhead']);
  });

  it("reads the batch's customers' preferences once, not once per event", async () => {
    const get = jest.spyOn(InMemoryPreferencesStore.prototype, 'get');
    const getMany = jest.spyOn(InMemoryPreferencesStore.prototype, 'getMany');
    let calls: number[] = [];
    const { events } = await run(async (h, batch) => {
      await h.handleBatch(batch);
      calls = [get.mock.calls.length, getMany.mock.calls.length];
    });
    get.mockRestore();
    getMany.mockRestore();
    expect(events.length).toBeGreaterThan(4);
    expect(calls).toEqual([0, 1]);
  });

  it("records first when a decision touches a send the batch has not read (a policy superseding another order's send)", async () => {
    // o9's out-for-delivery supersedes c1's first send (of o1, which no event of the batch read); c1's later news must not see it
    let target: string | undefined;
    const reaching: NotifierPolicy = (input) => {
      const d = domainNotifierPolicy()(input);
      if (input.order.orderId === 'o1' && !target && d.sends.length) target = d.sends[0].notificationId;
      return input.event.type === 'OutForDelivery' && input.order.orderId === 'o9' && target ? { ...d, superseded: [...d.superseded, target] } : d;
    };
    const feedOf = (split: number) => async (h: NotificationInboxHandler, events: RecordedEvent[]) => {
      for (let i = 0; i < split; i++) await h.handleBatch([events[i]]);
      await h.handleBatch(events.slice(split).filter((e) => e.data.orderId !== 'o1'));
      await h.handleBatch(events.slice(split).filter((e) => e.data.orderId === 'o1'));
    };
    const reference = await run(
      (h, events) =>
        oneAtATime(h, [
          ...events.filter((e) => e.data.orderId !== 'o1' || e.globalPosition <= 14),
          ...events.filter((e) => e.data.orderId === 'o1' && e.globalPosition > 14),
        ]),
      new Flaky(),
      reaching,
    );
    target = undefined;
    const batched = await run(feedOf(14), new Flaky(), reaching);
    expect(target).toBeDefined();
    expect(batched.seen).toEqual(reference.seen);
    expect(batched.state).toEqual(reference.state);
    expect(batched.sent).toEqual(reference.sent);
    expect(reference.sent).not.toContain(target);
  });

  it('resolves only once everything is committed: a failed commit rejects, and redelivery records every event once', async () => {
    const reference = await run(oneAtATime);
    for (const failOn of [[1], [2], [3]]) {
      const store = new Flaky(failOn);
      let resolved = false;
      const crashed = await run(async (h, events) => {
        for (let i = 0; i < events.length; i += 7) await h.handleBatch(events.slice(i, i + 7)); // pages of 7: a transaction each
        resolved = true;
      }, store);
      expect(resolved).toBe(false); // the bus would not acknowledge
      expect(crashed.state).toEqual(reference.state);
      expect(crashed.sent).toEqual(reference.sent); // no notification lost, none twice
    }
  });
});
