import { type CanActivate, type ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { BearerTokenVerifier, TokenRejected, type TokenRejection } from '@ot/access';
import type { NotifierConfig } from '../config/notifier.config';
import { NOTIFIER_CONFIG } from '../notifier.tokens';
import { OPS_ONLY, type RequestWithPrincipal } from './principal';

const MESSAGE_OF: Record<TokenRejection, string> = {
  missing: 'send Authorization: Bearer <token>',
  expired: 'invalid or expired token',
  invalid: 'invalid or expired token',
  'bad-claims': 'invalid token claims',
};

/** The same tokens the order-service reads (see @ot/access); ops-only routes reject customers with 403. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly tokens: BearerTokenVerifier;

  constructor(
    @Inject(NOTIFIER_CONFIG) config: NotifierConfig,
    private readonly reflector: Reflector,
  ) {
    this.tokens = new BearerTokenVerifier(config.JWT_SECRET);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<RequestWithPrincipal>();
    let principal;
    try {
      principal = this.tokens.principalOf(request.headers.authorization);
    } catch (error) {
      if (error instanceof TokenRejected) throw new UnauthorizedException(MESSAGE_OF[error.reason]);
      throw error;
    }
    request.principal = principal;
    const opsOnly = this.reflector.getAllAndOverride<boolean>(OPS_ONLY, [context.getHandler(), context.getClass()]);
    if (opsOnly && principal.role !== 'ops') throw new ForbiddenException('operators only');
    return true;
  }
}
