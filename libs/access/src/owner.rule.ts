import type { Principal } from './bearer-token.verifier';

/**
 * The one owner rule of every route: a customer sees only their own orders and settings; ops see all;
 * a customer link reaches only the order it was issued for, and only on routes that name that order.
 */
export const mayAccess = (who: Principal, customerId: string, orderId?: string): boolean =>
  who.role === 'ops' || (who.role === 'customer' && who.sub === customerId) || (who.role === 'order-link' && orderId !== undefined && who.sub === orderId);
