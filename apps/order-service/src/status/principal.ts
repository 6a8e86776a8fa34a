import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

export const ROLES = ['customer', 'ops'] as const;

/** Who is asking, from a verified token: a customer (sub = customerId) or an ops agent. */
export type Principal = { sub: string; role: (typeof ROLES)[number] };

export type RequestWithPrincipal = FastifyRequest & { principal?: Principal };

/** A customer sees only their own orders; ops see all. */
export const canRead = (who: Principal, customerId: string): boolean => who.role === 'ops' || who.sub === customerId;

/** The principal JwtAuthGuard attached; routes using it must be behind that guard. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<RequestWithPrincipal>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without JwtAuthGuard');
  return principal;
});
