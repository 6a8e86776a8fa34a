import { dirname, join } from 'node:path';
import type { Provider } from '@nestjs/common';
import {
  type Clock,
  type DelayBoardStore,
  type EtaViewStore,
  EventTimeClock,
  type EventStore,
  type MessageBus,
  type RecordedEvent,
  type StatusViewStore,
  systemClock,
} from '@ot/application';
import type { ServiceConfig } from '@ot/config';
import type { Partner } from '@ot/domain';
import { MeteredEventStore, OpsMetrics } from '@ot/observability';
import { EventStoreDbEventStore, InMemoryEventStore, PostgresEventStore, SqliteEventStore } from '@ot/event-store';
import { InMemoryEtaViewStore, InMemoryStatusViewStore, SqliteDelayBoardStore, SqliteEtaViewStore, SqliteStatusViewStore } from '@ot/read-model';
import { InProcessMessageBus, KafkaMessageBus, kafkaBusConfigFrom } from '@ot/messaging';
import { APP_CONFIG, CLOCK, WALL_CLOCK, DELAY_BOARD_STORE, ETA_VIEW_STORE, EVENT_STORE, MESSAGE_BUS, STATUS_VIEW_STORE, WEBHOOK_SECRETS } from './app.tokens';

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
    { provide: STATUS_VIEW_STORE, useFactory: () => openStatusViewStore(config) },
    { provide: ETA_VIEW_STORE, useFactory: () => openEtaViewStore(config) },
    { provide: DELAY_BOARD_STORE, useFactory: () => openDelayBoardStore(config) },
    { provide: WEBHOOK_SECRETS, useValue: webhookSecrets(config) },
  ];
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
      return new EventStoreDbEventStore({ connectionString: config.EVENTSTORE_URL! });
  }
}

/**
 * A durable view over a non-durable log would keep a checkpoint the next (empty) log never
 * reaches, silently skipping new events; so the in-memory log gets an in-memory view.
 */
function openStatusViewStore(config: ServiceConfig): StatusViewStore {
  return config.EVENT_STORE === 'memory' ? new InMemoryStatusViewStore() : new SqliteStatusViewStore({ path: config.READ_MODEL_PATH });
}

/** Same reasoning as the status view: an in-memory log gets an in-memory ETA view. */
function openEtaViewStore(config: ServiceConfig): EtaViewStore {
  return config.EVENT_STORE === 'memory' ? new InMemoryEtaViewStore() : new SqliteEtaViewStore(config.ETA_READ_MODEL_PATH);
}

/** Same reasoning again; the board's file sits beside the status view's. */
function openDelayBoardStore(config: ServiceConfig): DelayBoardStore {
  return new SqliteDelayBoardStore(config.EVENT_STORE === 'memory' ? ':memory:' : join(dirname(config.READ_MODEL_PATH), 'delay-board.db'));
}

function openClock(config: ServiceConfig): Clock {
  return config.CLOCK === 'event-time' ? new EventTimeClock() : systemClock;
}

/** Nobody would consume an in-process bus without the embedded notifier: then the relay publishes nothing. */
function openBus(config: ServiceConfig): MessageBus<RecordedEvent> | null {
  if (config.BUS === 'kafka') return new KafkaMessageBus<RecordedEvent>(kafkaBusConfigFrom(config));
  return config.RUN_NOTIFIER === 'true' ? new InProcessMessageBus<RecordedEvent>() : null;
}

function webhookSecrets(config: ServiceConfig): ReadonlyMap<Partner, string> {
  return new Map<Partner, string>([
    ['warehouse', config.WEBHOOK_SECRET_WAREHOUSE],
    ['courier', config.WEBHOOK_SECRET_COURIER],
    ['pickup-point', config.WEBHOOK_SECRET_PICKUP_POINT],
  ]);
}
