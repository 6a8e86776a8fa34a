import {
  domainNotifierPolicy,
  domainRendererWith,
  noTelemetry,
  systemClock,
  type ChannelSender,
  type Clock,
  type DecisionJournal,
  type MessageBus,
  type NotificationInbox,
  type NotificationLog,
  type NotificationOutbox,
  type NotificationRenderer,
  type NotifierPolicy,
  type PreferencesStore,
  type RecordedEvent,
  type SentJournal,
  type Telemetry,
} from '@ot/application';
import { type ServiceConfig, stateStoreOf } from '@ot/config';
import type { Channel } from '@ot/domain';
import { channelSendersFromConfig } from '@ot/channels';
import { Logger } from '@nestjs/common';
import { EMBEDDED_BUS_OPTIONS, InProcessMessageBus, KafkaMessageBus, kafkaBusConfigFrom } from '@ot/messaging';
import { PostgresDatabase } from '@ot/sql';
import { orderPageLinker } from './order-page.links';
import { openNotifierDb } from './stores/notifier.schema';
import { PostgresNotificationLog } from './stores/postgres.notification.log';
import { PostgresNotificationStore } from './stores/postgres.notification.store';
import { PostgresPreferencesStore } from './stores/postgres.preferences.store';
import { SqliteNotificationLog } from './stores/sqlite.notification.log';
import { SqliteNotificationStore } from './stores/sqlite.notification.store';
import { SqlitePreferencesStore } from './stores/sqlite.preferences.store';

/** Everything the notifier runs on; the module picks the adapters from config, the embedding app and tests may override. */
export type NotifierDeps = Readonly<{
  bus: MessageBus<RecordedEvent>;
  /** Whether closing the notifier closes the bus (not when the order-service lent us its in-process bus). */
  ownsBus: boolean;
  store: NotificationInbox & NotificationOutbox;
  preferences: PreferencesStore;
  log: NotificationLog;
  senders: ReadonlyMap<Channel, ChannelSender>;
  policy: NotifierPolicy;
  render: NotificationRenderer;
  clock: Clock;
  /** Where the dispatcher reports attempts and ticks (the host's metrics), or nowhere. */
  telemetry: Telemetry;
  /** A delivered send's lines and mark in one commit, when the log and the outbox share a file; else written apart. */
  journal?: SentJournal;
  /** A batch's decisions and its unsent lines in one commit, when the log and the inbox share a file; else written apart. */
  decisions?: DecisionJournal;
  close: () => Promise<void>;
}>;

/**
 * Embedded, the order-service passes its in-process bus and its Clock (the one its projections
 * run on, event time included), so the notifier's quiet hours, caps and dispatcher follow it.
 */
export type NotifierOverrides = Partial<Pick<NotifierDeps, 'bus' | 'policy' | 'render' | 'clock' | 'store' | 'preferences' | 'log' | 'telemetry'>> & {
  senders?: readonly ChannelSender[];
};

export async function createNotifierDeps(config: ServiceConfig, overrides: NotifierOverrides = {}): Promise<NotifierDeps> {
  const state = await openState(config);
  const bus =
    overrides.bus ??
    (config.BUS === 'kafka'
      ? new KafkaMessageBus<RecordedEvent>({ ...kafkaBusConfigFrom(config), clientId: 'notifier' })
      : new InProcessMessageBus<RecordedEvent>(EMBEDDED_BUS_OPTIONS));
  const senders = overrides.senders ?? sendersFrom(config);
  return {
    bus,
    ownsBus: !overrides.bus,
    store: overrides.store ?? state.store,
    preferences: overrides.preferences ?? state.preferences,
    log: overrides.log ?? state.log,
    senders: new Map(senders.map((s) => [s.channel, s])),
    policy: overrides.policy ?? domainNotifierPolicy(),
    render: overrides.render ?? domainRendererWith(orderPageLinker(config)),
    clock: overrides.clock ?? systemClock,
    telemetry: overrides.telemetry ?? noTelemetry,
    journal: overrides.store || overrides.log ? undefined : state.journal,
    decisions: overrides.store || overrides.log ? undefined : state.decisions,
    close: state.close,
  };
}

type NotifierState = Pick<NotifierDeps, 'store' | 'preferences' | 'log' | 'journal' | 'decisions' | 'close'>;

/**
 * STATE_STORE=postgres: the tables every notifier host shares (its idempotency holds across hosts);
 * else one SQLite file of this process (':memory:' when the embedding app runs on the in-memory log).
 */
async function openState(config: ServiceConfig): Promise<NotifierState> {
  if (stateStoreOf(config) === 'postgres') {
    const db = await PostgresDatabase.connect({ connectionString: config.DATABASE_URL!, schema: config.STATE_SCHEMA });
    return {
      store: await PostgresNotificationStore.open(db),
      preferences: await PostgresPreferencesStore.open(db),
      log: await PostgresNotificationLog.open(db),
      close: () => db.close(),
    };
  }
  const db = openNotifierDb(config.NOTIFIER_DB_PATH);
  const store = new SqliteNotificationStore(db);
  const log = new SqliteNotificationLog(db);
  return {
    store,
    preferences: new SqlitePreferencesStore(db),
    log,
    journal: store.sentJournal(log),
    decisions: store.decisionJournal(log),
    close: async () => void db.close(),
  };
}

function sendersFrom(config: ServiceConfig): ChannelSender[] {
  const { senders, outboxChannels } = channelSendersFromConfig(config);
  if (outboxChannels.length) {
    new Logger('Notifier').warn(`no vendor configured for ${outboxChannels.join(', ')}; those messages go to the local outbox files (NOTIFIER_OUTBOX_DIR)`);
  }
  return senders;
}
