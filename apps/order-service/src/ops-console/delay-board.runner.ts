import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { type DelayBoardStore, DelayBoardProjection, type EventStore, followProjection } from '@ot/application';
import { DELAY_BOARD_STORE, EVENT_STORE } from '../app.tokens';

/**
 * Keeps the delay board up to date for the life of the app, like the status projection runner:
 * resumes from the board's checkpoint, stops and waits for the batch in flight on shutdown, and
 * closes the board's store once every module has stopped.
 */
@Injectable()
export class DelayBoardRunner implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private following?: { stop(): Promise<void> };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DELAY_BOARD_STORE) private readonly board: DelayBoardStore & { close?: () => Promise<void> },
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.following = await followProjection(this.store, new DelayBoardProjection(this.board));
  }

  async onModuleDestroy(): Promise<void> {
    await this.following?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.board.close?.();
  }
}
