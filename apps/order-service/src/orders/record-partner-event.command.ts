import type { RecordPartnerEvent } from '@ot/domain';

/**
 * @nestjs/cqrs routes commands by class, so the domain command travels in a wrapper, with the id of
 * the request that carried it (stored in the events' metadata, so the webhook can be followed).
 */
export class RecordPartnerEventCommand {
  constructor(
    readonly command: RecordPartnerEvent,
    readonly requestId?: string,
  ) {}
}
