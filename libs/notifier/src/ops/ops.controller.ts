import { Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, UseGuards } from '@nestjs/common';
import type { DeadLetter, NotificationAttempt } from '@ot/application';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import { OpsOnly } from '../auth/principal';
import type { NotifierDeps } from '../notifier.deps';
import { NOTIFIER_DEPS } from '../notifier.tokens';

/** For operators: what happened to an order's notifications, and the dead letters with a re-drive. */
@Controller()
@UseGuards(JwtAuthGuard)
@OpsOnly()
export class OpsController {
  constructor(@Inject(NOTIFIER_DEPS) private readonly deps: NotifierDeps) {}

  @Get('orders/:id/notifications')
  async log(@Param('id') orderId: string): Promise<{ orderId: string; attempts: NotificationAttempt[] }> {
    return { orderId, attempts: await this.deps.log.forOrder(orderId) };
  }

  @Get('dead-letters')
  async deadLetters(): Promise<{ items: DeadLetter[] }> {
    return { items: await this.deps.store.deadLetters() };
  }

  /** Back to the queue with attempts reset; the dispatcher sends it on its next beat. */
  @Post('dead-letters/:id/redrive')
  @HttpCode(202)
  async redrive(@Param('id') notificationId: string): Promise<{ notificationId: string; status: 'queued' }> {
    if (!(await this.deps.store.redrive(notificationId, this.deps.clock.now().toISOString()))) {
      throw new NotFoundException(`no dead letter ${notificationId}`);
    }
    return { notificationId, status: 'queued' };
  }
}
