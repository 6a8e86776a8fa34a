import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { CustomerPreferences } from '@ot/domain';
import type { NotifierDeps } from '../notifier.deps';
import { NOTIFIER_DEPS } from '../notifier.tokens';

/** A customer's channels, quiet hours and contacts, or undefined if they never set any. */
export class CustomerPreferencesQuery extends Query<CustomerPreferences | undefined> {
  constructor(readonly customerId: string) {
    super();
  }
}

@QueryHandler(CustomerPreferencesQuery)
export class CustomerPreferencesHandler implements IQueryHandler<CustomerPreferencesQuery> {
  constructor(@Inject(NOTIFIER_DEPS) private readonly deps: NotifierDeps) {}

  async execute({ customerId }: CustomerPreferencesQuery): Promise<CustomerPreferences | undefined> {
    return (await this.deps.preferences.get(customerId)) ?? undefined;
  }
}
