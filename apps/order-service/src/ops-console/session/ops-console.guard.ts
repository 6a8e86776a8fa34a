import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { BearerTokenVerifier } from '@ot/access';
import { BEARER_VERIFIER, forbidden, type RequestWithPrincipal } from '@ot/http';
import { CSRF_HEADER, CsrfTokens, cookieValue, SESSION_COOKIE } from './ops-session';

type ConsoleRequest = RequestWithPrincipal & { method: string; headers: Record<string, string | string[] | undefined> };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The console's routes take an ops token either as `Authorization: Bearer` (scripts, tests) or
 * from the session cookie (the page). Either way the process's one verifier checks it; customers
 * get 403. A state-changing request authenticated by the cookie must also carry the CSRF token.
 */
@Injectable()
export class OpsConsoleGuard implements CanActivate {
  constructor(
    @Inject(BEARER_VERIFIER) private readonly tokens: BearerTokenVerifier,
    private readonly csrf: CsrfTokens,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<ConsoleRequest>();
    const header = request.headers.authorization;
    const sessionToken = typeof header === 'string' ? undefined : cookieValue(request.headers.cookie, SESSION_COOKIE);
    const principal = this.tokens.principalOf(sessionToken === undefined ? (header as string | undefined) : `Bearer ${sessionToken}`);
    if (principal.role !== 'ops') throw forbidden('operators only');
    if (sessionToken !== undefined && !SAFE_METHODS.has(request.method) && !this.csrf.matches(sessionToken, request.headers[CSRF_HEADER])) {
      throw forbidden(`a cookie session must send ${CSRF_HEADER}`);
    }
    request.principal = principal;
    return true;
  }
}
