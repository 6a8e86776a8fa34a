import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore, StatusViewStore } from '@ot/application';
import { ETA_VIEW_STORE, EVENT_STORE, STATUS_VIEW_STORE } from './app.tokens';

/**
 * Closes the stores last: Nest calls onApplicationShutdown after every onModuleDestroy, so the
 * projection has stopped by then. Closing flushes the event store's pending group commit.
 */
@Injectable()
export class AppLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(STATUS_VIEW_STORE) private readonly views: StatusViewStore & { close?: () => Promise<void> },
    @Inject(ETA_VIEW_STORE) private readonly etaViews: { close?: () => void },
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    await this.views.close?.();
    this.etaViews.close?.();
  }
}
