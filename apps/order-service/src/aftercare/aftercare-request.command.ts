import type { AftercareCommand } from '@ot/domain';

/** A customer's or operator's aftercare request on the CommandBus, with the HTTP request id for the events' metadata. */
export class AftercareRequestCommand {
  constructor(
    readonly command: AftercareCommand,
    readonly requestId?: string,
  ) {}
}
