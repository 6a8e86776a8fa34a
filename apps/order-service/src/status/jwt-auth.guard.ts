import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { BearerTokenVerifier, TokenRejected, type TokenRejection } from '@ot/access';
import { APP_CONFIG } from '../app.tokens';
import type { AppConfig } from '../config/app.config';
import { ProblemException, problemType } from '../http/problem-details';
import type { RequestWithPrincipal } from './principal';

type Reason = 'missing-token' | 'invalid-token' | 'expired-token';
const REASON_OF: Record<TokenRejection, Reason> = {
  missing: 'missing-token',
  expired: 'expired-token',
  invalid: 'invalid-token',
  'bad-claims': 'invalid-token',
};

/** Attaches the verified principal; anything else is 401, never a hint of why beyond three reasons. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly tokens: BearerTokenVerifier;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.tokens = new BearerTokenVerifier(config.JWT_SECRET);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<RequestWithPrincipal>();
    try {
      request.principal = this.tokens.principalOf(request.headers.authorization);
    } catch (error) {
      if (error instanceof TokenRejected) throw unauthorized(REASON_OF[error.reason]);
      throw error;
    }
    return true;
  }
}

const unauthorized = (reason: Reason): ProblemException =>
  new ProblemException(
    { type: problemType('unauthorized'), title: 'Not authenticated', status: 401, reason, detail: 'send Authorization: Bearer <token>' },
    { 'www-authenticate': `Bearer error="${reason === 'missing-token' ? 'invalid_request' : 'invalid_token'}"` },
  );
