import { sign } from 'jsonwebtoken';
import { BearerTokenVerifier, type TokenRejection } from './bearer-token.verifier';

const SECRET = 'a-test-secret-of-some-length';
const bearer = (claims: object, options: { secret?: string; expiresIn?: number } = {}): string =>
  `Bearer ${sign(claims, options.secret ?? SECRET, { algorithm: 'HS256', expiresIn: options.expiresIn ?? 60 })}`;

function rejection(verifier: BearerTokenVerifier, header: string | undefined): TokenRejection | undefined {
  try {
    verifier.principalOf(header);
    return undefined;
  } catch (error) {
    return (error as { reason?: TokenRejection }).reason;
  }
}

describe('bearer token verifier', () => {
  it('returns the principal of a valid customer or ops token', () => {
    const v = new BearerTokenVerifier(SECRET);
    expect(v.principalOf(bearer({ sub: 'c1', role: 'customer' }))).toEqual({ sub: 'c1', role: 'customer' });
    expect(v.principalOf(bearer({ sub: 'agent', role: 'ops' }))).toEqual({ sub: 'agent', role: 'ops' });
  });

  it('names why a token is refused', () => {
    const v = new BearerTokenVerifier(SECRET);
    expect(rejection(v, undefined)).toBe('missing');
    expect(rejection(v, 'Basic abc')).toBe('missing');
    expect(rejection(v, bearer({ sub: 'c1', role: 'customer' }, { expiresIn: -10 }))).toBe('expired');
    expect(rejection(v, bearer({ sub: 'c1', role: 'customer' }, { secret: 'another-secret-entirely' }))).toBe('invalid');
    expect(rejection(v, bearer({ sub: 'c1', role: 'admin' }))).toBe('bad-claims');
    expect(rejection(v, bearer({ role: 'customer' }))).toBe('bad-claims');
  });

  it('refuses a token without exp: a leaked token must not work forever', () => {
    const v = new BearerTokenVerifier(SECRET);
    expect(rejection(v, `Bearer ${sign({ sub: 'c1', role: 'customer' }, SECRET, { algorithm: 'HS256' })}`)).toBe('bad-claims');
  });

  it('refuses a cached token once it expires, as a fresh verify would', () => {
    const v = new BearerTokenVerifier(SECRET);
    const header = bearer({ sub: 'c1', role: 'customer' }, { expiresIn: 60 });
    expect(v.principalOf(header).sub).toBe('c1'); // verified and cached
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now + 61_000);
    try {
      expect(rejection(v, header)).toBe('expired');
    } finally {
      clock.mockRestore();
    }
  });
});
