import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { type DelayBoardStore, DelayBoardProjection, type EventStore, startProjection, type Subscription } from '@ot/application';
import { DELAY_BOARD_STORE, EVENT_STORE } from '../app.tokens';

/**
 * Keeps the delay board up to date for the life of the app, like the status projection runner:
 * resumes from the board's checkpoint, stops and waits for the batch in flight on shutdown, and
 * closes the board's store once every module has stopped.
 */
@Injectable()
export class DelayBoardRunner implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private subscription?: Subscription;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DELAY_BOARD_STORE) private readonly board: DelayBoardStore & { close?: () => Promise<void> },
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const projection = new DelayBoardProjection(this.board);
    this.subscription = await startProjection(this.store, {
      name: projection.name,
      checkpoint: () => projection.checkpoint(),
      apply: (events) => (this.inFlight = projection.apply(events)),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.stop();
    await this.inFlight.catch(() => undefined); // its failure was already reported by the subscription
  }

  async onApplicationShutdown(): Promise<void> {
    await this.board.close?.();
  }
}
