import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Clock, type CommandOutcome, type EventStore, EventTimeClock, handleCommand } from '@ot/application';
import { CLOCK, EVENT_STORE } from '../app.tokens';
import { RecordPartnerEventCommand } from './record-partner-event.command';

/** Resolves only after the append is durable in the store, so a 202 means "recorded". */
@CommandHandler(RecordPartnerEventCommand)
export class RecordPartnerEventHandler implements ICommandHandler<RecordPartnerEventCommand, CommandOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ command, requestId }: RecordPartnerEventCommand): Promise<CommandOutcome> {
    const { orderId, occurredAt } = command.data.event.data;
    if (this.clock instanceof EventTimeClock) this.clock.observe(occurredAt); // CLOCK=event-time: partners' events drive time
    // receivedAt: when the notifier judges quiet hours and collapse windows for this event (a late report is judged as of now).
    const receivedAt = this.clock.now().toISOString();
    return handleCommand(this.store, orderId, command, { metadata: { receivedAt, ...(requestId ? { requestId } : {}) } });
  }
}
