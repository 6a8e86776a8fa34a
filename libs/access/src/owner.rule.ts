import type { Principal } from './bearer-token.verifier';

/** The one owner rule of every route: a customer sees only their own orders and settings; ops see all. */
export const mayAccess = (who: Principal, customerId: string): boolean => who.role === 'ops' || who.sub === customerId;
