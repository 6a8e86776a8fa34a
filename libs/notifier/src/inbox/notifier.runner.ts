import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { NotificationDispatcher, NotificationInboxHandler, startDispatchLoop, type BusSubscription } from '@ot/application';
import type { ServiceConfig } from '@ot/config';
import type { NotifierDeps } from '../notifier.deps';
import { NOTIFIER_CONFIG, NOTIFIER_DEPS } from '../notifier.tokens';

/**
 * Joins the consumer group and starts the dispatcher when the app boots; leaves the group (in-flight
 * batch abandoned, to be redelivered) and stops the dispatcher when it closes.
 */
@Injectable()
export class NotifierRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Notifier');
  private subscription?: BusSubscription;
  private loop?: { stop(): Promise<void> };

  constructor(
    @Inject(NOTIFIER_CONFIG) private readonly config: ServiceConfig,
    @Inject(NOTIFIER_DEPS) private readonly deps: NotifierDeps,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { bus, store, preferences, log, senders, policy, render, clock, telemetry, journal, decisions } = this.deps;
    if (!senders.size) this.logger.warn('no channel senders configured: every notification will be dead-lettered as unreachable');
    const inbox = new NotificationInboxHandler(store, preferences, policy, log, decisions);
    this.subscription = await bus.subscribe(this.config.KAFKA_GROUP_ID, inbox.onBatch);
    const dispatcher = new NotificationDispatcher(store, preferences, log, senders, render, clock, {
      maxAttempts: this.config.NOTIFIER_MAX_ATTEMPTS,
      telemetry,
      journal,
    });
    this.loop = startDispatchLoop(dispatcher, this.config.NOTIFIER_DISPATCH_INTERVAL_MS, (error) => this.logger.error(`dispatch failed: ${String(error)}`));
    this.logger.log(`consuming as group "${this.config.KAFKA_GROUP_ID}" on the ${this.config.BUS} bus; channels: ${[...senders.keys()].join(', ') || 'none'}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
    await this.loop?.stop();
    if (this.deps.ownsBus) await this.deps.bus.close();
    await this.deps.close();
  }
}
