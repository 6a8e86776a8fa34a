import type { RequestCustomerAction } from '@ot/domain';

/** @nestjs/cqrs routes by class: the domain command in a wrapper, with the HTTP request id for the events' metadata. */
export class RequestCustomerActionCommand {
  constructor(
    readonly command: RequestCustomerAction,
    readonly httpRequestId?: string,
  ) {}
}
