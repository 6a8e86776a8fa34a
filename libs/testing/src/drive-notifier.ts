import type { Channel } from '@ot/domain';
import {
  type ChannelSender,
  domainNotifierPolicy,
  domainRenderer,
  eventTimeOf,
  EventTimeClock,
  NotificationDispatcher,
  type NotificationInbox,
  NotificationInboxHandler,
  type NotificationLog,
  type NotificationOutbox,
  type RecordedEvent,
} from '@ot/application';
import { InMemoryPreferencesStore } from './in-memory.preferences.store';
import type { CustomerHistory } from './customer-journeys.arbitrary';

export type DriveOptions = Readonly<{
  store: NotificationInbox & NotificationOutbox;
  log: NotificationLog;
  senders: readonly ChannelSender[];
  /** How the bus hands the events over: batch sizes in turn (1 = one message at a time). */
  batchSizes: readonly number[];
  /** After which batches the dispatch loop happens to wake (true: every batch). */
  wakeAfterBatch: (batchIndex: number) => boolean;
  /** Deliver every batch twice, as an at-least-once bus may. */
  redeliver?: boolean;
}>;

/**
 * Runs a customer's history through the production notifier (domain policy, inbox handler, dispatcher)
 * on the event-time clock, as a replay does: the clock follows the events, the dispatcher wakes when
 * the options say, and at the end the clock runs a month on and the outbox is drained.
 */
export async function driveNotifier(history: CustomerHistory, o: DriveOptions): Promise<void> {
  const preferences = new InMemoryPreferencesStore();
  await preferences.put(history.preferences);
  const clock = new EventTimeClock(0);
  const handler = new NotificationInboxHandler(o.store, preferences, domainNotifierPolicy(), o.log);
  const senders = new Map<Channel, ChannelSender>(o.senders.map((s) => [s.channel, s]));
  const dispatcher = new NotificationDispatcher(o.store, preferences, o.log, senders, domainRenderer, clock, { random: () => 0.5 });
  const drain = async () => {
    while ((await dispatcher.tick()) > 0);
  };
  let at = 0;
  for (let b = 0; at < history.events.length; b++) {
    const batch: RecordedEvent[] = history.events.slice(at, (at += o.batchSizes[b % o.batchSizes.length]));
    await handler.handleBatch(batch);
    if (o.redeliver) await handler.handleBatch(batch);
    batch.forEach((e) => clock.observe(eventTimeOf(e)));
    if (o.wakeAfterBatch(b)) await drain();
  }
  clock.observe(clock.now().getTime() + 30 * 86_400_000);
  await drain();
}
