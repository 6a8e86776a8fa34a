import type { Provider } from '@nestjs/common';
import {
  type CheckpointStore,
  type Clock,
  type EtaViewStore,
  EventTimeClock,
  type EventStore,
  type MessageBus,
  type PartnerOutboxStore,
  type OrderDocumentsReader,
  pairedDocumentsReader,
  type RecordedEvent,
  type StatusAndBoardStore,
  type StatusViewStore,
  systemClock,
} from '@ot/application';
import { loadAftercarePolicy, type ServiceConfig, stateStoreOf } from '@ot/config';
import type { Partner } from '@ot/domain';
import { MeteredEventStore, OpsMetrics } from '@ot/observability';
import { InMemoryEventStore, openEventStoreDb, PostgresEventStore, SqliteEventStore } from '@ot/event-store';
import {
  InMemoryEtaViewStore,
  InMemoryStatusViewStore,
  SqliteDelayBoardStore,
  PostgresEtaViewStore,
  PostgresOrderDocumentsReader,
  PostgresStatusViewStore,
  SqliteEtaViewStore,
  SqliteOrderDocumentsReader,
  SqliteStatusAndBoardStore,
} from '@ot/read-model';
import {
  InMemoryCheckpointStore,
  EMBEDDED_BUS_OPTIONS,
  InProcessMessageBus,
  KafkaMessageBus,
  kafkaBusConfigFrom,
  PostgresCheckpointStore,
  SqliteCheckpointStore,
} from '@ot/messaging';
import { PostgresDatabase } from '@ot/sql';
import {
  ConfiguredPartnerDirectory,
  type PartnerEndpoint,
  pickupPointsFrom,
  PostgresPartnerOutboxStore,
  SignedPartnerWebhookSender,
  SqlitePartnerOutboxStore,
} from '@ot/partners';
import {
  APP_CONFIG,
  CHECKPOINT_STORE,
  AFTERCARE_POLICY,
  CLOCK,
  WALL_CLOCK,
  DELAY_BOARD_STORE,
  ETA_VIEW_STORE,
  EVENT_STORE,
  MESSAGE_BUS,
  PARTNER_DIRECTORY,
  PARTNER_OUTBOX_STORE,
  PARTNER_WEBHOOK_SENDER,
  ORDER_DOCUMENTS_READER,
  STATE_DATABASE,
  STATUS_AND_BOARD_STORE,
  STATUS_VIEW_STORE,
  WEBHOOK_SECRETS,
} from './app.tokens';

/** Made once per app: the projections, the delay reactor and the embedded notifier share these instances. */
export type SharedRuntime = Readonly<{ clock: Clock; bus: MessageBus<RecordedEvent> | null }>;

export function sharedRuntime(config: ServiceConfig): SharedRuntime {
  return { clock: openClock(config), bus: openBus(config) };
}

/** The one place configuration picks adapters. Everything else injects the ports by token. */
export function adapterProviders(config: ServiceConfig, runtime: SharedRuntime): Provider[] {
  return [
    { provide: APP_CONFIG, useValue: config },
    { provide: CLOCK, useValue: runtime.clock },
    { provide: MESSAGE_BUS, useValue: runtime.bus },
    { provide: WALL_CLOCK, useValue: systemClock },
    { provide: EVENT_STORE, useFactory: async (metrics: OpsMetrics) => new MeteredEventStore(await openEventStore(config), metrics), inject: [OpsMetrics] },
    { provide: STATE_DATABASE, useFactory: () => openStateDatabase(config) },
    { provide: STATUS_AND_BOARD_STORE, useFactory: () => openStatusAndBoardStore(config) },
    {
      provide: STATUS_VIEW_STORE,
      useFactory: (db: PostgresDatabase | null, shared: StatusAndBoardStore | null) => shared?.status ?? openStatusViewStore(config, db),
      inject: [STATE_DATABASE, STATUS_AND_BOARD_STORE],
    },
    { provide: ETA_VIEW_STORE, useFactory: (db: PostgresDatabase | null) => openEtaViewStore(config, db), inject: [STATE_DATABASE] },
    {
      provide: ORDER_DOCUMENTS_READER,
      useFactory: (db: PostgresDatabase | null, views: StatusViewStore, etas: EtaViewStore) => openDocumentsReader(config, db, views, etas),
      inject: [STATE_DATABASE, STATUS_VIEW_STORE, ETA_VIEW_STORE], // after both stores: they create the tables it joins
    },
    { provide: CHECKPOINT_STORE, useFactory: (db: PostgresDatabase | null) => openCheckpointStore(config, db), inject: [STATE_DATABASE] },
    {
      provide: DELAY_BOARD_STORE,
      useFactory: (shared: StatusAndBoardStore | null) => shared?.board ?? new SqliteDelayBoardStore(':memory:'),
      inject: [STATUS_AND_BOARD_STORE],
    },
    { provide: WEBHOOK_SECRETS, useValue: webhookSecrets(config) },
    { provide: PARTNER_OUTBOX_STORE, useFactory: (db: PostgresDatabase | null) => openPartnerOutboxStore(config, db), inject: [STATE_DATABASE] },
    { provide: PARTNER_WEBHOOK_SENDER, useValue: new SignedPartnerWebhookSender(partnerEndpoints(config), config.PARTNER_TIMEOUT_MS) },
    { provide: PARTNER_DIRECTORY, useValue: new ConfiguredPartnerDirectory(config.RESCHEDULE_DAYS_OFFERED, pickupPointsFrom(config.PICKUP_POINTS)) },
    { provide: AFTERCARE_POLICY, useValue: loadAftercarePolicy(config.AFTERCARE_POLICY_PATH) },
  ];
}

async function openPartnerOutboxStore(config: ServiceConfig, db: PostgresDatabase | null): Promise<PartnerOutboxStore> {
  switch (stateStoreOf(config)) {
    case 'memory':
      return new SqlitePartnerOutboxStore(':memory:');
    case 'sqlite':
      return new SqlitePartnerOutboxStore(config.PARTNER_OUTBOX_DB_PATH);
    case 'postgres':
      return PostgresPartnerOutboxStore.open(db!);
  }
}

/** Outbound calls are signed with the partner's own webhook secret: one shared secret per partner, both ways. */
function partnerEndpoints(config: ServiceConfig): ReadonlyMap<Partner, PartnerEndpoint> {
  const secrets = webhookSecrets(config);
  const urls: Record<Partner, string> = {
    warehouse: config.PARTNER_ACTIONS_URL_WAREHOUSE,
    courier: config.PARTNER_ACTIONS_URL_COURIER,
    'pickup-point': config.PARTNER_ACTIONS_URL_PICKUP_POINT,
  };
  return new Map((Object.keys(urls) as Partner[]).map((p) => [p, { url: urls[p], secret: secrets.get(p)! }]));
}

// The `!` are safe: ServiceConfig requires DATABASE_URL / EVENTSTORE_URL for those stores.
async function openEventStore(config: ServiceConfig): Promise<EventStore> {
  switch (config.EVENT_STORE) {
    case 'memory':
      return new InMemoryEventStore();
    case 'sqlite':
      return new SqliteEventStore({ path: config.SQLITE_PATH });
    case 'postgres':
      return PostgresEventStore.connect({ connectionString: config.DATABASE_URL! });
    case 'eventstoredb':
      return openEventStoreDb({ connectionString: config.EVENTSTORE_URL! });
  }
}

/** One pool for the views and the relay checkpoint when they live in PostgreSQL (stateStoreOf says why memory wins). */
async function openStateDatabase(config: ServiceConfig): Promise<PostgresDatabase | null> {
  if (stateStoreOf(config) !== 'postgres') return null;
  return PostgresDatabase.connect({ connectionString: config.DATABASE_URL!, schema: config.STATE_SCHEMA });
}

/**
 * Beside SQLite state the delay board lives in the status view's file and commits with it. The board has
 * no PostgreSQL twin yet: beside an in-memory log, or with STATE_STORE=postgres (replicas keep no local
 * files), it lives in memory on its own and is rebuilt from the log at start.
 */
function openStatusAndBoardStore(config: ServiceConfig): StatusAndBoardStore | null {
  return stateStoreOf(config) === 'sqlite' ? new SqliteStatusAndBoardStore({ path: config.READ_MODEL_PATH }) : null;
}

/** Without SQLite state (openStatusAndBoardStore holds the SQLite one). With STATE_STORE=postgres the state database exists: the `!` is safe. */
async function openStatusViewStore(config: ServiceConfig, db: PostgresDatabase | null): Promise<StatusViewStore> {
  return stateStoreOf(config) === 'postgres' ? PostgresStatusViewStore.open(db!) : new InMemoryStatusViewStore();
}

async function openEtaViewStore(config: ServiceConfig, db: PostgresDatabase | null): Promise<EtaViewStore> {
  switch (stateStoreOf(config)) {
    case 'memory':
      return new InMemoryEtaViewStore();
    case 'sqlite':
      return new SqliteEtaViewStore(config.ETA_READ_MODEL_PATH);
    case 'postgres':
      return PostgresEtaViewStore.open(db!);
  }
}

function openDocumentsReader(config: ServiceConfig, db: PostgresDatabase | null, views: StatusViewStore, etas: EtaViewStore): OrderDocumentsReader {
  switch (stateStoreOf(config)) {
    case 'memory':
      return pairedDocumentsReader(views, etas);
    case 'sqlite':
      return new SqliteOrderDocumentsReader({ statusPath: config.READ_MODEL_PATH, etaPath: config.ETA_READ_MODEL_PATH });
    case 'postgres':
      return new PostgresOrderDocumentsReader(db!);
  }
}

async function openCheckpointStore(config: ServiceConfig, db: PostgresDatabase | null): Promise<CheckpointStore> {
  switch (stateStoreOf(config)) {
    case 'memory':
      return new InMemoryCheckpointStore();
    case 'sqlite':
      return new SqliteCheckpointStore(config.RELAY_CHECKPOINT_PATH);
    case 'postgres':
      return PostgresCheckpointStore.open(db!);
  }
}

function openClock(config: ServiceConfig): Clock {
  return config.CLOCK === 'event-time' ? new EventTimeClock() : systemClock;
}

/** Nobody would consume an in-process bus without the embedded notifier: then the relay publishes nothing. */
function openBus(config: ServiceConfig): MessageBus<RecordedEvent> | null {
  if (config.BUS === 'kafka') return new KafkaMessageBus<RecordedEvent>(kafkaBusConfigFrom(config));
  return config.RUN_NOTIFIER === 'true' ? new InProcessMessageBus<RecordedEvent>(EMBEDDED_BUS_OPTIONS) : null;
}

function webhookSecrets(config: ServiceConfig): ReadonlyMap<Partner, string> {
  return new Map<Partner, string>([
    ['warehouse', config.WEBHOOK_SECRET_WAREHOUSE],
    ['courier', config.WEBHOOK_SECRET_COURIER],
    ['pickup-point', config.WEBHOOK_SECRET_PICKUP_POINT],
  ]);
}
