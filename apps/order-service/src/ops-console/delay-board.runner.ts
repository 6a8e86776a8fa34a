import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { type DelayBoardStore, DelayBoardProjection, type EventStore, followProjection, type StatusAndBoardStore } from '@ot/application';
import type { ServiceConfig } from '@ot/config';
import { APP_CONFIG, DELAY_BOARD_STORE, EVENT_STORE, STATUS_AND_BOARD_STORE } from '../app.tokens';

/**
 * Keeps the delay board up to date for the life of the app, like the status projection runner:
 * resumes from the board's checkpoint, stops and waits for the batch in flight on shutdown, and
 * closes the board's store once every module has stopped. Where the board shares the status view's
 * file and this process runs the status projection, that projection folds the board in its own
 * commit and this runner follows nothing.
 */
@Injectable()
export class DelayBoardRunner implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private following?: { stop(): Promise<void> };

  constructor(
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DELAY_BOARD_STORE) private readonly board: DelayBoardStore & { close?: () => Promise<void> },
    @Inject(STATUS_AND_BOARD_STORE) private readonly withStatus: StatusAndBoardStore | null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.withStatus && this.config.RUN_STATUS_PROJECTION === 'true') return;
    this.following = await followProjection(this.store, new DelayBoardProjection(this.board));
  }

  async onModuleDestroy(): Promise<void> {
    await this.following?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.board.close?.();
  }
}
