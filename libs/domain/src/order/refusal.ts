import { DomainError } from '../shared/domain-error';

/** A customer's or operator's request the order's state does not allow (409, with why). */
export const refused = (orderId: string, why: string): DomainError => new DomainError('REQUEST_REFUSED', `order ${orderId}: ${why}`, { orderId, why });
