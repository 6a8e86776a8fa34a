import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import {
  type Clock,
  type EventStore,
  followProjection,
  PartnerOutboxDispatcher,
  PartnerOutboxProjection,
  type PartnerOutboxStore,
  type PartnerWebhookSender,
} from '@ot/application';
import type { ServiceConfig } from '@ot/config';
import { APP_CONFIG, EVENT_STORE, PARTNER_OUTBOX_STORE, PARTNER_WEBHOOK_SENDER, WALL_CLOCK } from '../app.tokens';

const MAX_RETRY_DELAY_MS = 30 * 60_000;

/**
 * Customer actions to partners for the life of the app: the outbox follows the log from its checkpoint,
 * and the dispatcher drains what is due every PARTNER_OUTBOX_INTERVAL_MS (one pass at a time).
 */
@Injectable()
export class PartnerOutboxRunner implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger('PartnerOutbox');
  private following?: { stop(): Promise<void> };
  private timer?: NodeJS.Timeout;
  private pass: Promise<unknown> = Promise.resolve();
  private readonly dispatcher: PartnerOutboxDispatcher;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PARTNER_OUTBOX_STORE) private readonly outbox: PartnerOutboxStore & { close?: () => unknown },
    @Inject(PARTNER_WEBHOOK_SENDER) sender: PartnerWebhookSender,
    @Inject(WALL_CLOCK) wallClock: Clock,
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
  ) {
    const backoff = { baseDelayMs: config.PARTNER_OUTBOX_RETRY_BASE_MS, maxDelayMs: Math.max(MAX_RETRY_DELAY_MS, config.PARTNER_OUTBOX_RETRY_BASE_MS) };
    // a lease longer than the partner's timeout: a delivery in flight is never claimed twice
    const leaseMs = config.PARTNER_TIMEOUT_MS * 2;
    this.dispatcher = new PartnerOutboxDispatcher(this.outbox, sender, wallClock, {
      maxAttempts: config.PARTNER_OUTBOX_MAX_ATTEMPTS,
      backoff,
      leaseMs,
      batchSize: 50,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.following = await followProjection(this.store, new PartnerOutboxProjection(this.outbox));
    this.timer = setInterval(() => this.tick(), this.config.PARTNER_OUTBOX_INTERVAL_MS);
    this.timer.unref();
  }

  private tick(): void {
    this.pass = this.pass.then(async () => {
      try {
        const { dead } = await this.dispatcher.dispatchDue();
        if (dead) this.logger.warn(`${dead} outbound webhook(s) dead-lettered; see GET /partner-outbox/dead-letters`);
      } catch (error) {
        this.logger.error('outbound webhook pass failed', error instanceof Error ? error.stack : String(error));
      }
    });
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.following?.stop();
    await this.pass;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.outbox.close?.();
  }
}
