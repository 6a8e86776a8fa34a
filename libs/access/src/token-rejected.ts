/** Why a token was refused; each app words this for its own HTTP answers. */
export type TokenRejection = 'missing' | 'expired' | 'invalid' | 'bad-claims';

export class TokenRejected extends Error {
  constructor(readonly reason: TokenRejection) {
    super(`token rejected: ${reason}`);
    this.name = 'TokenRejected';
  }
}
