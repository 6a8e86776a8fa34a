import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandOutcome, type EventStore, handleCommand } from '@ot/application';
import { EVENT_STORE } from '../app.tokens';
import { RecordPartnerEventCommand } from './record-partner-event.command';

/** Resolves only after the append is durable in the store, so a 202 means "recorded". */
@CommandHandler(RecordPartnerEventCommand)
export class RecordPartnerEventHandler implements ICommandHandler<RecordPartnerEventCommand, CommandOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ command }: RecordPartnerEventCommand): Promise<CommandOutcome> {
    return handleCommand(this.store, command.data.event.data.orderId, command);
  }
}
