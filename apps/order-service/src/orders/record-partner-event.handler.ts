import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Clock, type CommandOutcome, type EventStore, EventTimeClock, EventTimeGate, handleCommand } from '@ot/application';
import { CLOCK, EVENT_STORE } from '../app.tokens';
import { NotificationsRunner } from '../outbound/notifications.runner';
import { EtaPipelineRunner } from '../status/eta-pipeline.runner';
import { RecordPartnerEventCommand } from './record-partner-event.command';

/** Resolves only after the append is durable in the store, so a 202 means "recorded". */
@CommandHandler(RecordPartnerEventCommand)
export class RecordPartnerEventHandler implements ICommandHandler<RecordPartnerEventCommand, CommandOutcome> {
  private readonly gate?: EventTimeGate;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    eta: EtaPipelineRunner,
    notifications: NotificationsRunner,
  ) {
    // CLOCK=event-time: partners' events drive time, and the reactions to the past are recorded before it moves
    this.gate =
      this.clock instanceof EventTimeClock
        ? new EventTimeGate(this.clock, async (instant) => {
            await eta.advanceTo(instant);
            await notifications.settled();
          })
        : undefined;
  }

  execute({ command, requestId }: RecordPartnerEventCommand): Promise<CommandOutcome> {
    const { orderId, occurredAt } = command.data.event.data;
    // receivedAt: the instant the notifier judges quiet hours and collapse windows at (a late report is judged as of now).
    const append = () =>
      handleCommand(this.store, orderId, command, { metadata: { receivedAt: this.clock.now().toISOString(), ...(requestId ? { requestId } : {}) } });
    return this.gate ? this.gate.pass(occurredAt, append) : append();
  }
}
