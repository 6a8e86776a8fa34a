import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DeadLetter, NotificationAttempt } from '@ot/application';
import { BearerAuth, OpsOnly } from '@ot/http';
import type { NotifierDeps } from '../notifier.deps';
import { NOTIFIER_DEPS } from '../notifier.tokens';
import { redriveDeadLetter } from './dead-letter.redrive';
import { DeadLettersQuery } from './dead-letters.query';
import { NotificationLogQuery } from './notification-log.query';

/** For operators: what happened to an order's notifications, and the dead letters with a re-drive. */
@ApiTags('notifications')
@Controller()
@BearerAuth()
@OpsOnly()
export class OpsController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(NOTIFIER_DEPS) private readonly deps: NotifierDeps,
  ) {}

  @Get('orders/:id/notifications')
  @ApiOperation({ summary: "Operators: every line of an order's notifications: each attempt on a channel and each decision not to send, with its reason" })
  async log(@Param('id') orderId: string): Promise<{ orderId: string; attempts: NotificationAttempt[] }> {
    return { orderId, attempts: await this.queries.execute(new NotificationLogQuery(orderId)) };
  }

  @Get('dead-letters')
  @ApiOperation({ summary: 'Operators: the notifications that ran out of attempts or had no reachable channel' })
  async deadLetters(): Promise<{ items: DeadLetter[] }> {
    return { items: await this.queries.execute(new DeadLettersQuery()) };
  }

  /** Back to the queue with attempts reset; the dispatcher sends it on its next beat. */
  @Post('dead-letters/:id/redrive')
  @HttpCode(202)
  @ApiOperation({ summary: 'Operators: a dead letter back to the queue, attempts reset' })
  @ApiAcceptedResponse({ description: '{ notificationId, status: queued }' })
  @ApiNotFoundResponse({ description: 'dead-letter-not-found' })
  @ApiConflictResponse({ description: 'dead-letter-stale: the order has ended since, and the message would no longer be true' })
  async redrive(@Param('id') notificationId: string): Promise<{ notificationId: string; status: 'queued' }> {
    return redriveDeadLetter(this.deps, notificationId);
  }
}
