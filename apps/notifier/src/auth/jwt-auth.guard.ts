import { type CanActivate, type ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { verify, type JwtPayload } from 'jsonwebtoken';
import type { NotifierConfig } from '../config/notifier.config';
import { NOTIFIER_CONFIG } from '../notifier.tokens';
import { OPS_ONLY, ROLES, type Principal, type RequestWithPrincipal } from './principal';

/**
 * Bearer JWT, HS256 pinned (no "alg: none", no key confusion), `sub` = customerId and `role`
 * customer|ops - the same claims the order-service reads. Ops-only routes reject customers with 403.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<RequestWithPrincipal>();
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token) throw new UnauthorizedException('send Authorization: Bearer <token>');
    const principal = this.principalOf(token);
    request.principal = principal;
    const opsOnly = this.reflector.getAllAndOverride<boolean>(OPS_ONLY, [context.getHandler(), context.getClass()]);
    if (opsOnly && principal.role !== 'ops') throw new ForbiddenException('operators only');
    return true;
  }

  private principalOf(token: string): Principal {
    let claims: JwtPayload | string;
    try {
      claims = verify(token, this.config.JWT_SECRET, { algorithms: ['HS256'] });
    } catch {
      throw new UnauthorizedException('invalid or expired token');
    }
    const { sub, role } = typeof claims === 'string' ? ({} as JwtPayload) : claims;
    if (typeof sub !== 'string' || !sub || !ROLES.includes(role)) throw new UnauthorizedException('invalid token claims');
    return { sub, role };
  }
}
