import type { FastifyRequest } from 'fastify';

import type { Principal } from '@ot/access';

export type { Principal };

export type RequestWithPrincipal = FastifyRequest & { principal?: Principal };

/** A customer sees only their own orders; ops see all. */
export const canRead = (who: Principal, customerId: string): boolean => who.role === 'ops' || who.sub === customerId;

/**
 * The principal JwtAuthGuard attached; routes using it must be behind that guard. A function of
 * the request rather than a param decorator: on the polled GET /orders/:id every Nest param
 * resolver is a per-request call (and an await for @Param).
 */
export function principalOf(request: RequestWithPrincipal): Principal {
  const principal = request.principal;
  if (!principal) throw new Error('principalOf used on a route without JwtAuthGuard');
  return principal;
}
