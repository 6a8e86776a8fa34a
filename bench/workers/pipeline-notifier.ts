import {
  type ChannelSender,
  type Clock,
  domainNotifierPolicy,
  domainRenderer,
  type EventStore,
  NotificationDispatcher,
  NotificationInboxHandler,
  type PreferencesStore,
  type Subscription,
} from '@ot/application';
import { type Channel, type CustomerPreferences, NOTIFICATION_KINDS, type Outgoing } from '@ot/domain';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openNotifierDb, SqliteNotificationLog, SqliteNotificationStore } from '@ot/notifier';

/** Every sender answers at once: the bench prices our decisions and bookkeeping, not a vendor's API. */
class StubSender implements ChannelSender {
  sent = 0;
  constructor(readonly channel: Channel) {}
  async send(_m: Outgoing): Promise<{ providerMessageId: string }> {
    return { providerMessageId: `stub-${this.channel}-${++this.sent}` };
  }
}

/** Every customer opted in to push then email for every kind, with quiet hours, in Brazil. */
class EveryoneOptedIn implements PreferencesStore {
  private readonly channels = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, ['push', 'email'] as const]));
  async get(customerId: string): Promise<CustomerPreferences> {
    return {
      customerId,
      language: 'en',
      timeZone: 'America/Sao_Paulo',
      quietHours: { start: '22:00', end: '08:00' },
      channels: this.channels,
      contacts: { deviceTokens: [`device-${customerId}`], email: `${customerId}@example.com` },
    };
  }
  async put(): Promise<void> {}
  async removeDeviceToken(): Promise<void> {}
}

export type NotifierTally = { handled: number; sent: number };

/**
 * The notifier as the pipeline sees it, in process: every event goes through the inbox handler
 * (domain policy, decision log in the notifier's SQLite store), then the dispatcher sends what is due
 * through stub senders and records each attempt in the notifier's attempt log, as the app does.
 * Fed by a subscription on the store instead of the bus: the bus hop is not what is measured.
 */
export function startPipelineNotifier(
  store: EventStore,
  clock: Clock,
): { subscription: Subscription; tally: () => NotifierTally; idle: () => boolean; inbox: SqliteNotificationStore; flush: () => Promise<void> } {
  // The notifier's own stores, as the notifier app opens them: decision log, outbox and attempt log in one SQLite file.
  const db = openNotifierDb(join(mkdtempSync(join(tmpdir(), 'ot-bench-notifier-')), 'notifier.db'));
  const inbox = new SqliteNotificationStore(db);
  const preferences = new EveryoneOptedIn();
  const handler = new NotificationInboxHandler(inbox, preferences, domainNotifierPolicy());
  const senders = new Map<Channel, StubSender>((['push', 'sms', 'email'] as const).map((c) => [c, new StubSender(c)]));
  const dispatcher = new NotificationDispatcher(inbox, preferences, new SqliteNotificationLog(db), senders, domainRenderer, clock);
  let handled = 0;
  let busy = false;
  const subscription = store.subscribeToAll(0, async (events) => {
    busy = true;
    await handler.handleBatch(events); // the page as one batch: as few transactions as the decisions allow
    handled += events.length;
    while ((await dispatcher.tick()) > 0);
    busy = false;
  });
  return {
    subscription,
    idle: () => !busy,
    inbox,
    /** Sends everything still queued (the caller moves the clock past quiet hours and collapse windows first). */
    flush: async () => {
      while ((await dispatcher.tick()) > 0);
    },
    tally: () => ({ handled, sent: [...senders.values()].reduce((a, s) => a + s.sent, 0) }),
  };
}
