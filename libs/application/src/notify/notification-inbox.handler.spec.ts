import { InMemoryEventStore } from '@ot/event-store';
import { EventRelay, InMemoryCheckpointStore, InProcessMessageBus } from '@ot/messaging';
import { FakeClock, partnerEvent, placed } from '@ot/testing';
import type { ReceivedMessage } from '../ports/message-bus.port';
import type { RecordedEvent } from '../ports/event-store.port';
import { preferencesOf, RecordingChannelSender } from './contract/recording-channel.sender';
import { simpleTestPolicy } from './contract/simple-test.policy';
import { domainNotifierPolicy, domainRenderer } from './domain-notifier.policy';
import { InMemoryNotificationLog } from './in-memory/in-memory-notification.log';
import { InMemoryNotificationStore } from './in-memory/in-memory-notification.store';
import { InMemoryPreferencesStore } from './in-memory/in-memory-preferences.store';
import { NotificationInboxHandler } from './notification-inbox.handler';
import { NotificationDispatcher } from './notification.dispatcher';
import type { NotifierPolicy } from './notifier-policy.port';

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
  const dispatcher = new NotificationDispatcher(notifications, preferences, log, new Map([['push', push], ['sms', sms]]), domainRenderer, clock, { random: () => 0.5 });
  const newHandler = () => new NotificationInboxHandler(notifications, preferences, policy, clock);
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
    // Instance A records event 3's decisions, then "dies" before acknowledging it.
    const a = await t.bus.subscribe('notifier', async (m: ReceivedMessage<RecordedEvent>) => {
      await first.onMessage(m);
      if (m.value.globalPosition === 3) {
        crashed = true;
        await new Promise(() => undefined);
      }
    });
    await t.relay.start();
    await until(() => crashed);
    await a.stop();
    const handledByB: number[] = [];
    const second = t.newHandler();
    await t.bus.subscribe('notifier', async (m) => {
      handledByB.push(m.value.globalPosition);
      await second.onMessage(m);
    });
    await until(async () => (await t.checkpoints.load('relay:order-events')) === 6);
    expect(handledByB).toContain(3); // redelivered to the new instance...

    const [again] = await t.store.readAll(2, 1); // ...and once more by hand, for good measure
    await second.handle(again);
    await t.dispatcher.tick();
    await t.dispatcher.tick();

    const ids = t.push.sent.map((m) => m.notificationId).sort();
    expect(ids).toEqual(['o1:out-for-delivery:3', 'o1:shipped:2', 'o2:out-for-delivery:6', 'o2:shipped:5']);
    expect(t.sms.sent).toEqual([]);
    expect(t.log.attempts.filter((x) => x.status === 'sent')).toHaveLength(4);
    await t.relay.stop();
  });

  it('decides nothing for an order it never saw placed, and nothing without preferences', async () => {
    const t = await setup();
    const handler = t.newHandler();
    await t.store.appendToStream('order-x', [partnerEvent('OutForDelivery', '2026-01-02T11:00:00.000Z', {}, { orderId: 'x' })], { expectedVersion: 0 });
    await t.store.appendToStream('order-y', [placed('y', { customerId: 'nobody' })], { expectedVersion: 0 });
    await t.store.appendToStream('order-y', [partnerEvent('OutForDelivery', '2026-01-02T11:00:00.000Z', {}, { orderId: 'y' })], { expectedVersion: 1 });
    for (const e of await t.store.readAll(0, 10)) await handler.handle(e);
    expect(await t.notifications.isHandled(3)).toBe(true);
    expect(await t.dispatcher.tick()).toBe(0);
    expect(await t.notifications.orderContext('y')).toMatchObject({ customerId: 'nobody', status: 'OutForDelivery' });
  });

  it('runs the domain policy: urgent out-for-delivery goes now, a burst of status news collapses into one', async () => {
    const t = await setup(domainNotifierPolicy());
    const handler = t.newHandler();
    await t.order('o1'); // placed, shipped (held for the collapse window), out for delivery (urgent)
    for (const e of await t.store.readAll(0, 10)) await handler.handle(e);
    expect(await t.dispatcher.tick()).toBe(1);
    t.clock.advance(60 * 60_000);
    expect(await t.dispatcher.tick()).toBe(0); // "shipped" was superseded by the burst, never sent
    expect(t.push.sent.map((m) => m.notificationId)).toEqual(['o1:out-for-delivery:3']);
    expect(t.push.sent[0].title.length).toBeGreaterThan(0);
  });
});
