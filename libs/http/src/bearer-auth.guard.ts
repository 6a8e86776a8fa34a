import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { BearerTokenVerifier, Principal } from '@ot/access';
import { forbidden } from './problem-details';

/** The process's one verifier (one JWT_SECRET, one cache of verified tokens), provided by HttpAccessModule. */
export const BEARER_VERIFIER = Symbol('BearerTokenVerifier');

export type RequestWithPrincipal = { headers: { authorization?: string | string[] }; principal?: Principal };

const OPS_ONLY = 'access:ops-only';
/** Marks a route (or controller) for operators only (role "ops"); others answer 403. */
export const OpsOnly = () => SetMetadata(OPS_ONLY, true);

/**
 * Puts the caller's principal on the request; a refused token leaves as the same 401 problem as
 * on GET /orders/:id (problemOf maps TokenRejected). Per-customer checks use mayAccess in the route.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    @Inject(BEARER_VERIFIER) private readonly tokens: BearerTokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<RequestWithPrincipal>();
    const authorization = request.headers.authorization;
    const principal = this.tokens.principalOf(typeof authorization === 'string' ? authorization : undefined);
    request.principal = principal;
    const opsOnly = this.reflector.getAllAndOverride<boolean>(OPS_ONLY, [context.getHandler(), context.getClass()]);
    if (opsOnly && principal.role !== 'ops') throw forbidden('operators only');
    return true;
  }
}
