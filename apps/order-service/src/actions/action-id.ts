import { createHash } from 'node:crypto';

/** Derived from the order and the client's request id, so a retry names the same action without a lookup. */
export const actionIdOf = (orderId: string, requestId: string): string =>
  `act-${createHash('sha256').update(orderId).update('\n').update(requestId).digest('hex').slice(0, 32)}`;
