import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { CheckpointStore, EventStore, MessageBus, NotificationOutbox, RecordedEvent } from '@ot/application';
import { EventRelay, InMemoryCheckpointStore, InProcessMessageBus, KafkaMessageBus, kafkaBusConfigFrom, SqliteCheckpointStore } from '@ot/messaging';
import { buildNotifier, NOTIFIER_DEPS, type NotifierDeps } from '@ot/notifier';
import { OpsMetrics } from '@ot/observability';
import { APP_CONFIG, EVENT_STORE, RAW_ENV } from '../app.tokens';
import type { AppConfig } from '../config/app.config';

const RELAY_NAME = 'relay:order-events'; // EventRelay's default name

/**
 * The outbound side: the relay publishes every appended event to the bus (at least once, from its
 * checkpoint), and in the embedded default the notifier runs in this process on the same
 * in-process bus. The notifier is built first so it has joined its group before anything is published.
 */
@Injectable()
export class NotificationsRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private relay?: EventRelay;
  private notifier?: NestFastifyApplication;
  private bus?: MessageBus<RecordedEvent>;
  private checkpointStore?: CheckpointStore;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RAW_ENV) private readonly env: NodeJS.ProcessEnv,
    @Optional() private readonly metrics?: OpsMetrics,
  ) {}

  /** The embedded notifier's HTTP API (preferences, notification log), or undefined when it runs elsewhere. */
  get embeddedNotifier(): NestFastifyApplication | undefined {
    return this.notifier;
  }

  async onApplicationBootstrap(): Promise<void> {
    const runNotifier = this.config.RUN_NOTIFIER === 'true';
    if (this.config.BUS === 'in-process' && !runNotifier) return; // nobody would consume: publish nothing
    this.bus = this.config.BUS === 'kafka' ? new KafkaMessageBus<RecordedEvent>(kafkaBusConfigFrom(this.env)) : new InProcessMessageBus<RecordedEvent>();
    if (runNotifier) {
      const shared = this.config.BUS === 'in-process' ? { bus: this.bus } : {};
      this.notifier = await buildNotifier({ ...this.notifierEnv(), BUS: this.config.BUS }, { ...shared, telemetry: this.metrics });
    }
    this.checkpointStore = this.checkpoints();
    this.relay = new EventRelay(this.store, this.bus, this.checkpointStore);
    await this.relay.start();
    new Logger('Notifications').log(`relay -> ${this.config.BUS} bus${runNotifier ? ', notifier in process' : ''}`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.relay?.stop();
    await this.notifier?.close();
    await this.bus?.close();
  }

  /** How far the relay has published (for lag), or undefined when no relay runs here. */
  relayPosition(): Promise<number> | undefined {
    return this.relay && this.checkpointStore?.load(RELAY_NAME);
  }

  /** The embedded notifier's outbox (for its backlog), or undefined when it runs elsewhere. */
  outbox(): NotificationOutbox | undefined {
    return this.notifier?.get<NotifierDeps>(NOTIFIER_DEPS).store;
  }

  private checkpoints(): CheckpointStore {
    return this.config.EVENT_STORE === 'memory' ? new InMemoryCheckpointStore() : new SqliteCheckpointStore(this.config.RELAY_CHECKPOINT_PATH);
  }

  /** An in-memory log gets an in-memory notifier state, for the same reason it gets an in-memory view. */
  private notifierEnv(): NodeJS.ProcessEnv {
    const quiet = this.config.LOG_LEVEL === 'log' ? {} : { NODE_ENV: 'test' }; // the notifier then logs errors only
    if (this.config.EVENT_STORE !== 'memory' || this.env.NOTIFIER_DB_PATH) return { ...this.env, ...quiet };
    return { ...this.env, ...quiet, NOTIFIER_DB_PATH: ':memory:' };
  }
}
