/**
 * The one error type the domain throws. Adapters map codes to transport errors in one place
 * (the HTTP exception filter), so the domain never knows about status codes.
 */
export type DomainErrorCode =
  | 'ORDER_NOT_FOUND'
  | 'ORDER_ALREADY_EXISTS'
  | 'ILLEGAL_TRANSITION'
  | 'DUPLICATE_EVENT_ID_CONFLICT'
  | 'VERSION_CONFLICT'
  | 'INVALID_EVENT'
  | 'REQUEST_REFUSED'
  | CustomerActionErrorCode;

/** Customer actions (customer-action.decider.ts): refused by the order's state, a reused request id, an unknown action. */
export type CustomerActionErrorCode = 'ACTION_NOT_ALLOWED' | 'REQUEST_ID_CONFLICT' | 'ACTION_NOT_FOUND';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string = code,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
