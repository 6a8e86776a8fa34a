import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { DeadLetter } from '@ot/application';
import type { NotifierDeps } from '../notifier.deps';
import { NOTIFIER_DEPS } from '../notifier.tokens';

/** Notifications that exhausted their attempts or could not be sent at all. */
export class DeadLettersQuery extends Query<DeadLetter[]> {}

@QueryHandler(DeadLettersQuery)
export class DeadLettersHandler implements IQueryHandler<DeadLettersQuery> {
  constructor(@Inject(NOTIFIER_DEPS) private readonly deps: NotifierDeps) {}

  execute(): Promise<DeadLetter[]> {
    return this.deps.store.deadLetters();
  }
}
