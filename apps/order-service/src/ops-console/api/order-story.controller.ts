import { Controller, Get, HttpCode, Inject, Optional, Param, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { BoardDoc, DeadLetter, DelayBoardStore, EtaViewStore, EventStore, NotificationAttempt } from '@ot/application';
import { streamIdOf } from '@ot/domain';
import { notFound } from '@ot/http';
import { DeadLettersQuery, NOTIFIER_DEPS, type NotifierDeps, NotificationLogQuery, redriveDeadLetter } from '@ot/notifier';
import { DELAY_BOARD_STORE, ETA_VIEW_STORE, EVENT_STORE } from '../../app.tokens';
import { OpsConsoleAuth } from '../session/ops-console.auth';
import { type OrderStory, orderStory } from './order-story';

export type OrderDetail = OrderStory & {
  orderId: string;
  row?: BoardDoc;
  /** null when this process runs no notifier (RUN_NOTIFIER=false): its log lives elsewhere. */
  notifications: NotificationAttempt[] | null;
  deadLetters: DeadLetter[] | null;
};

/** One order's whole story for ops, and the re-drive of its dead letters. */
@ApiTags('ops console')
@Controller('ops/api')
@OpsConsoleAuth()
export class OrderStoryController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DELAY_BOARD_STORE) private readonly board: DelayBoardStore,
    @Inject(ETA_VIEW_STORE) private readonly eta: EtaViewStore,
    private readonly queries: QueryBus,
    @Optional() @Inject(NOTIFIER_DEPS) private readonly notifier?: NotifierDeps,
  ) {}

  @Get('orders/:id')
  @ApiOperation({ summary: "One order's story: timeline, ETA history, notifications and dead letters" })
  @ApiOkResponse({ description: 'Timeline from the event store (late scans marked), ETA history, notifications and dead letters' })
  async order(@Param('id') orderId: string): Promise<OrderDetail> {
    const { events } = await this.store.readStream(streamIdOf(orderId));
    if (events.length === 0) throw notFound('order-not-found', 'Order not found', `no order ${orderId}`);
    const [row, currentEta] = await Promise.all([this.board.get(orderId), this.eta.get(orderId)]);
    const notified = this.notifier !== undefined;
    const notifications = notified ? await this.queries.execute(new NotificationLogQuery(orderId)) : null;
    const deadLetters = notified ? (await this.queries.execute(new DeadLettersQuery())).filter((d) => d.orderId === orderId) : null;
    return { orderId, row, ...orderStory(events, currentEta), notifications, deadLetters };
  }

  /** The notifier's own re-drive (attempts reset, due now); with a cookie session it needs the CSRF token. */
  @Post('dead-letters/:id/redrive')
  @ApiOperation({ summary: "A notification's dead letter back to the queue" })
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'Back in the queue; the dispatcher sends it on its next beat' })
  @ApiNotFoundResponse({ description: 'dead-letter-not-found: no such dead letter, or no notifier in this process' })
  @ApiConflictResponse({ description: 'dead-letter-stale: the order has ended since, and the message would no longer be true' })
  async redrive(@Param('id') notificationId: string): Promise<{ notificationId: string; status: 'queued' }> {
    return redriveDeadLetter(this.notifier, notificationId);
  }
}
