import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { CheckpointStore, EventStore, MessageBus, NotificationOutbox, RecordedEvent } from '@ot/application';
import type { ServiceConfig } from '@ot/config';
import { EventRelay, WALL_CLOCK_LINGER_MS } from '@ot/messaging';
import { NOTIFIER_DEPS, type NotifierDeps } from '@ot/notifier';
import { APP_CONFIG, CHECKPOINT_STORE, EVENT_STORE, MESSAGE_BUS } from '../app.tokens';

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
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.bus || this.config.RUN_RELAY !== 'true') return; // nobody would consume, or another process publishes
    const lingerMs = this.config.CLOCK === 'event-time' ? 0 : WALL_CLOCK_LINGER_MS; // see WALL_CLOCK_LINGER_MS
    this.relay = new EventRelay(this.store, this.bus, this.checkpoints, { lingerMs });
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

  /** How far the relay has published and had acknowledged (for lag; its saved checkpoint may trail), or undefined when no relay runs here. */
  relayPosition(): Promise<number> | undefined {
    return this.relay && Promise.resolve(this.relay.position);
  }

  /** The embedded notifier's outbox (for its backlog), or undefined when it runs elsewhere. */
  outbox(): NotificationOutbox | undefined {
    if (this.config.RUN_NOTIFIER !== 'true') return undefined;
    return this.moduleRef.get<typeof NOTIFIER_DEPS, NotifierDeps>(NOTIFIER_DEPS, { strict: false }).store;
  }
}
