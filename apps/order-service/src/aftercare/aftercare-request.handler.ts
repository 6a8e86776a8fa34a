import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Clock, type CommandOutcome, type EventStore, handleCommand } from '@ot/application';
import { CLOCK, EVENT_STORE } from '../app.tokens';
import { AftercareRequestCommand } from './aftercare-request.command';

/** Read, fold, decide, append: the decider refuses what the order's state does not allow (409) and drops a retry. */
@CommandHandler(AftercareRequestCommand)
export class AftercareRequestHandler implements ICommandHandler<AftercareRequestCommand, CommandOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ command, requestId }: AftercareRequestCommand): Promise<CommandOutcome> {
    const metadata = { receivedAt: this.clock.now().toISOString(), ...(requestId ? { requestId } : {}) };
    return handleCommand(this.store, command.data.orderId, command, { metadata });
  }
}
