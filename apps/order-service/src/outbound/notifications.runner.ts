import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import type { CheckpointStore, EventStore, MessageBus, RecordedEvent } from '@ot/application';
import type { ServiceConfig } from '@ot/config';
import { EventRelay, InMemoryCheckpointStore, SqliteCheckpointStore } from '@ot/messaging';
import { APP_CONFIG, EVENT_STORE, MESSAGE_BUS } from '../app.tokens';

/**
 * The outbound side: the relay publishes every appended event to the bus (at least once, from its
 * checkpoint). The relay stops first (module destroy); the bus closes at application shutdown,
 * after the embedded notifier has left its group.
 */
@Injectable()
export class NotificationsRunner implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private relay?: EventRelay;

  constructor(
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus<RecordedEvent> | null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.bus) return; // nobody would consume: publish nothing
    this.relay = new EventRelay(this.store, this.bus, this.checkpoints());
    await this.relay.start();
    new Logger('Notifications').log(`relay -> ${this.config.BUS} bus${this.config.RUN_NOTIFIER === 'true' ? ', notifier in process' : ''}`);
  }

  /** Resolves once the bus has acknowledged every stored event (in process: the notifier recorded its decisions). */
  settled(): Promise<void> {
    return this.relay?.settled() ?? Promise.resolve();
  }

  async onModuleDestroy(): Promise<void> {
    await this.relay?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus?.close();
  }

  private checkpoints(): CheckpointStore {
    return this.config.EVENT_STORE === 'memory' ? new InMemoryCheckpointStore() : new SqliteCheckpointStore(this.config.RELAY_CHECKPOINT_PATH);
  }
}
