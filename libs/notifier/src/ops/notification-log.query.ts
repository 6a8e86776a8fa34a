import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { NotificationAttempt } from '@ot/application';
import type { NotifierDeps } from '../notifier.deps';
import { NOTIFIER_DEPS } from '../notifier.tokens';

/** What happened to one order's notifications, oldest attempt first. */
export class NotificationLogQuery extends Query<NotificationAttempt[]> {
  constructor(readonly orderId: string) {
    super();
  }
}

@QueryHandler(NotificationLogQuery)
export class NotificationLogHandler implements IQueryHandler<NotificationLogQuery> {
  constructor(@Inject(NOTIFIER_DEPS) private readonly deps: NotifierDeps) {}

  execute({ orderId }: NotificationLogQuery): Promise<NotificationAttempt[]> {
    return this.deps.log.forOrder(orderId);
  }
}
