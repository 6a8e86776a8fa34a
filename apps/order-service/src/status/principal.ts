import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

import type { Principal } from '@ot/access';

export type { Principal };

export type RequestWithPrincipal = FastifyRequest & { principal?: Principal };

/** A customer sees only their own orders; ops see all. */
export const canRead = (who: Principal, customerId: string): boolean => who.role === 'ops' || who.sub === customerId;

/** The principal JwtAuthGuard attached; routes using it must be behind that guard. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<RequestWithPrincipal>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without JwtAuthGuard');
  return principal;
});
