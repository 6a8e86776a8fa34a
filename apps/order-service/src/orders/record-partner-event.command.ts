import type { RecordPartnerEvent } from '@ot/domain';

/** @nestjs/cqrs routes commands by class, so the domain command travels in a one-field wrapper. */
export class RecordPartnerEventCommand {
  constructor(readonly command: RecordPartnerEvent) {}
}
