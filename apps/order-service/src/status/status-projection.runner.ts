import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy, Optional } from '@nestjs/common';
import { type EventStore, followProjection, type StatusAndBoardStore, StatusAndBoardProjection, StatusProjection, type StatusViewStore } from '@ot/application';
import type { ServiceConfig } from '@ot/config';
import { OpsMetrics } from '@ot/observability';
import { APP_CONFIG, EVENT_STORE, STATUS_AND_BOARD_STORE, STATUS_VIEW_STORE } from '../app.tokens';

/**
 * Keeps the status view up to date for the life of the app: resumes from the view's checkpoint
 * on boot, and on shutdown stops and waits for the batch in flight, so the stores are closed
 * (after this, in onApplicationShutdown) under no one's feet. Where the delay board shares the
 * view's file, it is folded here too, in the same commit (DelayBoardRunner then stands aside).
 */
@Injectable()
export class StatusProjectionRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private following?: { stop(): Promise<void> };

  constructor(
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(STATUS_VIEW_STORE) private readonly views: StatusViewStore,
    @Inject(STATUS_AND_BOARD_STORE) private readonly withBoard: StatusAndBoardStore | null,
    @Optional() private readonly metrics?: OpsMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.RUN_STATUS_PROJECTION !== 'true') return;
    const projection = this.withBoard ? new StatusAndBoardProjection(this.withBoard, this.metrics) : new StatusProjection(this.views, this.metrics);
    this.following = await followProjection(this.store, projection);
  }

  async onModuleDestroy(): Promise<void> {
    await this.following?.stop();
  }
}
