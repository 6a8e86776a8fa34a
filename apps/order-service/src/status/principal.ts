import type { Principal } from '@ot/access';

/** A customer sees only their own orders; ops see all. */
export const canRead = (who: Principal, customerId: string): boolean => who.role === 'ops' || who.sub === customerId;
