import { BearerTokenVerifier, type Principal, TokenRejected, type TokenRejection } from '@ot/access';
import { ProblemException, problemType } from '../http/problem-details';

type Reason = 'missing-token' | 'invalid-token' | 'expired-token';
const REASON_OF: Record<TokenRejection, Reason> = {
  missing: 'missing-token',
  expired: 'expired-token',
  invalid: 'invalid-token',
  'bad-claims': 'invalid-token',
};

/** The principal of an Authorization header; anything else is 401, never a hint of why beyond three reasons. */
export class BearerAuthentication {
  private readonly tokens: BearerTokenVerifier;

  constructor(secret: string) {
    this.tokens = new BearerTokenVerifier(secret);
  }

  principalOf(authorization: string | undefined): Principal {
    try {
      return this.tokens.principalOf(authorization);
    } catch (error) {
      if (error instanceof TokenRejected) throw unauthorized(REASON_OF[error.reason]);
      throw error;
    }
  }
}

const unauthorized = (reason: Reason): ProblemException =>
  new ProblemException(
    { type: problemType('unauthorized'), title: 'Not authenticated', status: 401, reason, detail: 'send Authorization: Bearer <token>' },
    { 'www-authenticate': `Bearer error="${reason === 'missing-token' ? 'invalid_request' : 'invalid_token'}"` },
  );
