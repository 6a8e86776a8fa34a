import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore, StatusViewStore } from '@ot/application';
import type { PostgresDatabase } from '@ot/sql';
import { CHECKPOINT_STORE, ETA_VIEW_STORE, EVENT_STORE, ORDER_DOCUMENTS_READER, STATE_DATABASE, STATUS_VIEW_STORE } from './app.tokens';

/**
 * Closes the stores last: Nest calls onApplicationShutdown after every onModuleDestroy, so the
 * projection has stopped by then. Closing flushes the event store's pending group commit.
 */
@Injectable()
export class AppLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(STATUS_VIEW_STORE) private readonly views: StatusViewStore & { close?: () => Promise<void> },
    @Inject(ETA_VIEW_STORE) private readonly etaViews: { close?: () => unknown },
    @Inject(ORDER_DOCUMENTS_READER) private readonly documents: { close?: () => unknown },
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: { close?: () => unknown },
    @Inject(STATE_DATABASE) private readonly stateDb: PostgresDatabase | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    await this.documents.close?.();
    await this.views.close?.();
    await this.etaViews.close?.();
    await this.checkpoints.close?.(); // the relay's (SQLite), stopped at module destroy
    await this.stateDb?.close(); // after the views: they stop listening on it first
  }
}
