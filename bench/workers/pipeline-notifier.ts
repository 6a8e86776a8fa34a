import {
  type ChannelSender,
  type Clock,
  type CheckpointStore,
  domainNotifierPolicy,
  domainRenderer,
  type EventStore,
  NotificationDispatcher,
  noTelemetry,
  type PreferencesStore,
  type RecordedEvent,
} from '@ot/application';
import { ServiceConfig } from '@ot/config';
import { type Channel, type CustomerPreferences, NOTIFICATION_KINDS, type Outgoing } from '@ot/domain';
import { EMBEDDED_BUS_OPTIONS, EventRelay, InMemoryCheckpointStore, InProcessMessageBus, SqliteCheckpointStore } from '@ot/messaging';
import { NotifierRunner, openNotifierDb, SqliteNotificationLog, SqliteNotificationStore } from '@ot/notifier';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Every sender answers at once: the bench prices our decisions and bookkeeping, not a vendor's API. */
class StubSender implements ChannelSender {
  sent = 0;
  constructor(readonly channel: Channel) {}
  async send(_m: Outgoing): Promise<{ providerMessageId: string }> {
    return { providerMessageId: `stub-${this.channel}-${++this.sent}` };
  }
}

/** Every customer opted in to push then email for every kind, with quiet hours, in Brazil. */
export class EveryoneOptedIn implements PreferencesStore {
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
  async getMany(customerIds: readonly string[]): Promise<ReadonlyMap<string, CustomerPreferences>> {
    return new Map(await Promise.all(customerIds.map(async (id) => [id, await this.get(id)] as const)));
  }
  async put(): Promise<void> {}
  async removeDeviceToken(): Promise<void> {}
}

export type NotifierTally = { handled: number; sent: number };

export type PipelineNotifier = {
  /** Resolves once every event stored so far went through the bus and its decisions are recorded. */
  settled(): Promise<void>;
  /** Leaves the group and sends everything still queued (the caller moves the clock past quiet hours and collapse windows first). */
  drain(): Promise<void>;
  tally(): Promise<NotifierTally>;
};

/**
 * The embedded notifier as the order-service runs it: the relay publishes the store's pages to the
 * in-process bus (checkpoint in SQLite when the store is), the NotifierRunner joins its consumer group
 * and records each partition batch in one transaction (domain policy, decision log in the notifier's
 * SQLite file), and its dispatch loop sends through stub senders on the production interval.
 */
export async function startPipelineNotifier(store: EventStore, clock: Clock, kind: string, mode = 'full'): Promise<PipelineNotifier> {
  const dir = mkdtempSync(join(tmpdir(), 'ot-bench-notifier-'));
  const db = openNotifierDb(join(dir, 'notifier.db'));
  const outbox = new SqliteNotificationStore(db);
  const preferences = new EveryoneOptedIn();
  const log = new SqliteNotificationLog(db);
  const journal = outbox.sentJournal(log);
  const decisions = outbox.decisionJournal(log);
  const senders = new Map<Channel, StubSender>((['push', 'sms', 'email'] as const).map((c) => [c, new StubSender(c)]));
  const bus = new InProcessMessageBus<RecordedEvent>(EMBEDDED_BUS_OPTIONS);
  const batches = process.env.PIPELINE_INBOX_BATCHES ? tapBatches(bus) : undefined;
  const config = new ServiceConfig();
  // mode 'relay': the relay and the bus to a consumer that does nothing; 'inbox': no dispatcher (bench only: shares)
  if (mode === 'inbox') config.NOTIFIER_DISPATCH_INTERVAL_MS = 2 ** 31 - 1;
  if (mode === 'relay') await bus.subscribe(config.KAFKA_GROUP_ID, async () => undefined);
  const runner = new NotifierRunner(config, {
    ...{ bus, ownsBus: false, store: outbox, preferences, log, senders, clock, telemetry: noTelemetry },
    ...{ policy: domainNotifierPolicy(), render: domainRenderer, journal, decisions, close: async () => undefined },
  });
  if (mode !== 'relay') await runner.onApplicationBootstrap(); // joins the group before the relay publishes, as the app's module order does
  const checkpoints: CheckpointStore = kind === 'sqlite' ? new SqliteCheckpointStore(join(dir, 'relay.db')) : new InMemoryCheckpointStore();
  const relay = new EventRelay(store, bus, checkpoints);
  await relay.start();
  return {
    settled: () => relay.settled(),
    drain: async () => {
      await relay.stop();
      if (mode !== 'relay') await runner.onApplicationShutdown();
      const dispatcher = new NotificationDispatcher(outbox, preferences, log, senders, domainRenderer, clock, { journal });
      while (mode === 'full' && (await dispatcher.tick()) > 0);
      await bus.close();
      if (batches) writeFileSync(process.env.PIPELINE_INBOX_BATCHES!, JSON.stringify(batches));
    },
    tally: async () => ({
      handled: await checkpoints.load('relay:order-events'),
      sent: [...senders.values()].reduce((a, s) => a + s.sent, 0),
    }),
  };
}

/**
 * PIPELINE_INBOX_BATCHES=<file>: every batch the bus hands the notifier's inbox, kept for the file (the input of
 * bench/tools/inbox-batches.ts, which prices the inbox alone on the same batches).
 */
function tapBatches(bus: InProcessMessageBus<RecordedEvent>): RecordedEvent[][] {
  const batches: RecordedEvent[][] = [];
  const subscribe = bus.subscribe.bind(bus);
  bus.subscribe = (groupId, handler) =>
    subscribe(groupId, (batch) => {
      batches.push(batch.map((m) => m.value));
      return handler(batch);
    });
  return batches;
}
