import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { CheckpointStore, EventStore, MessageBus, RecordedEvent } from '@ot/application';
import { EventRelay, InMemoryCheckpointStore, InProcessMessageBus, KafkaMessageBus, kafkaBusConfigFrom, SqliteCheckpointStore } from '@ot/messaging';
import { buildNotifier } from '@ot/notifier';
import { APP_CONFIG, EVENT_STORE, RAW_ENV } from '../app.tokens';
import type { AppConfig } from '../config/app.config';

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

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RAW_ENV) private readonly env: NodeJS.ProcessEnv,
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
      this.notifier = await buildNotifier({ ...this.notifierEnv(), BUS: this.config.BUS }, shared);
    }
    this.relay = new EventRelay(this.store, this.bus, this.checkpoints());
    await this.relay.start();
    new Logger('Notifications').log(`relay -> ${this.config.BUS} bus${runNotifier ? ', notifier in process' : ''}`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.relay?.stop();
    await this.notifier?.close();
    await this.bus?.close();
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
