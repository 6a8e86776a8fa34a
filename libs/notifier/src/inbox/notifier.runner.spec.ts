import { EventTimeClock, domainNotifierPolicy, domainRenderer, noTelemetry, type RecordedEvent } from '@ot/application';
import { ServiceConfig } from '@ot/config';
import { InProcessMessageBus } from '@ot/messaging';
import {
  InMemoryNotificationLog,
  InMemoryNotificationStore,
  InMemoryPreferencesStore,
  partnerEvent,
  placed,
  preferencesOf,
  RecordingChannelSender,
} from '@ot/testing';
import type { NotifierDeps } from '../notifier.deps';
import { NotifierRunner } from './notifier.runner';

const eventually = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

/** The production wiring (runner: inbox handler + dispatch loop) on an injected clock far from the wall clock. */
describe('NotifierRunner wiring', () => {
  it('sends when the injected Clock reaches a send, stamped on that Clock, never on the wall clock', async () => {
    const clock = new EventTimeClock('2020-06-01T09:00:00.000Z');
    const bus = new InProcessMessageBus<RecordedEvent>();
    const push = new RecordingChannelSender('push');
    const preferences = new InMemoryPreferencesStore();
    await preferences.put(preferencesOf('c1', { channels: { shipped: ['push'] } }));
    const deps: NotifierDeps = {
      bus,
      ownsBus: true,
      store: new InMemoryNotificationStore(),
      preferences,
      log: new InMemoryNotificationLog(),
      senders: new Map([['push', push]]),
      policy: domainNotifierPolicy(),
      render: domainRenderer,
      clock,
      telemetry: noTelemetry,
      close: async () => undefined,
    };
    const runner = new NotifierRunner(Object.assign(new ServiceConfig(), { NOTIFIER_DISPATCH_INTERVAL_MS: 10 }), deps);
    await runner.onApplicationBootstrap();
    const recorded = (e: ReturnType<typeof placed> | ReturnType<typeof partnerEvent>, globalPosition: number) =>
      ({ ...e, streamId: 'order-o1', streamVersion: globalPosition, globalPosition, recordedAt: new Date().toISOString() }) as RecordedEvent;
    await bus.publish([
      { key: 'o1', value: recorded(placed('o1', { occurredAt: '2020-06-01T08:00:00.000Z', promisedBy: '2020-06-05' }), 1) },
      { key: 'o1', value: recorded(partnerEvent('HandedToCarrier', '2020-06-01T09:00:00.000Z', {}, { orderId: 'o1' }), 2) },
    ]);
    await new Promise((r) => setTimeout(r, 100)); // several dispatch beats: "shipped" waits for its collapse window on the injected clock
    expect(push.sent).toEqual([]);

    clock.observe('2020-06-01T09:05:00.000Z');
    await eventually(() => push.sent.length === 1);
    expect(push.sent[0]).toMatchObject({
      orderId: 'o1',
      kind: 'shipped',
      sentAt: '2020-06-01T09:02:00.000Z',
      data: { orderId: 'o1', kind: 'shipped', promised: '2020-06-05' },
    });
    expect(push.sent[0].text).toContain('It should arrive by Friday, June 5.'); // the year of the injected clock, not the wall clock's
    await runner.onApplicationShutdown();
  });
});
