import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Clock, type CommandOutcome, type EventStore, handleCommand } from '@ot/application';
import { type AftercareCommand, type OrderEvent, streamIdOf } from '@ot/domain';
import { CLOCK, EVENT_STORE } from '../app.tokens';
import { AftercareRequestCommand } from './aftercare-request.command';

export type AftercareOutcome = CommandOutcome & {
  /** What answers the request: the events appended now, or for a repeated requestId those recorded under it, so a retry learns what was decided. */
  answered: readonly OrderEvent[];
};

/** Read, fold, decide, append: the decider refuses what the order's state does not allow (409) and drops a retry. */
@CommandHandler(AftercareRequestCommand)
export class AftercareRequestHandler implements ICommandHandler<AftercareRequestCommand, AftercareOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ command, requestId }: AftercareRequestCommand): Promise<AftercareOutcome> {
    const metadata = { receivedAt: this.clock.now().toISOString(), ...(requestId ? { requestId } : {}) };
    const outcome = await handleCommand(this.store, command.data.orderId, command, { metadata });
    const asked = requestIdOf(command);
    if (outcome.outcome === 'appended' || asked === undefined) return { ...outcome, answered: outcome.events };
    // a repeat appends nothing: read back what the first attempt recorded (retries are rare, so the read is)
    const { events } = await this.store.readStream(streamIdOf(command.data.orderId));
    return { ...outcome, answered: events.filter((e) => (e.data as { requestId?: unknown }).requestId === asked) };
  }
}

/** The client's id of a request that has one (returns, their stages, storage extensions). */
function requestIdOf(command: AftercareCommand): string | undefined {
  if (command.type === 'RequestReturn' || command.type === 'ExtendStorage') return command.data.requestId;
  if (command.type === 'RecordReturnStage') return command.data.event.data.requestId;
  return undefined;
}
