import { createSecretKey, type KeyObject } from 'node:crypto';
import { type JwtPayload, TokenExpiredError, verify } from 'jsonwebtoken';
import { keepRecent } from '@ot/domain';
import { OrderLinkTokens } from './order-link.token';
import { TokenRejected } from './token-rejected';

export * from './token-rejected';

export const ROLES = ['customer', 'ops'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is asking, from a verified token: a customer (sub = customerId), an ops agent, or the holder
 * of a customer link (sub = orderId: the link grants that one order's customer routes, nothing else).
 */
export type Principal = { sub: string; role: Role | 'order-link' };

/** Verified tokens kept (a polling client re-sends the same one); oldest evicted first. */
const VERIFIED_CACHE_SIZE = 50_000;

type Verified = { principal: Principal; /** `exp` claim in seconds. */ exp: number };

/**
 * The token rules both apps share: `Authorization: Bearer <JWT>`, HS256 only (pinning the
 * algorithm keeps "alg: none" and key-confusion tokens out), `sub` = customerId, `role` customer|ops,
 * and `exp` required: a token without one, once leaked, would work forever.
 */
export class BearerTokenVerifier {
  /**
   * A KeyObject made once: given the secret as a string, jsonwebtoken rebuilds a key on every
   * verify, far slower on the polled read path (docs/PERFORMANCE.md).
   */
  private readonly key: KeyObject;
  /**
   * Authorization header -> principal, for tokens that passed verification. Keyed by the whole
   * header (token and signature included), so a hit is byte-for-byte a token already verified; expiry is
   * re-checked on every hit exactly as jsonwebtoken does (now >= exp is expired), so an
   * expired token is refused the same way a fresh verify would. Failures are never cached.
   */
  private readonly verified = new Map<string, Verified>();
  readonly links: OrderLinkTokens;

  constructor(secret: string) {
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
    this.links = new OrderLinkTokens(secret);
  }

  /** The principal of an Authorization header value; throws TokenRejected. */
  principalOf(authorization: string | undefined): Principal {
    // A polling client sends the same header each time: one Map lookup, before any parsing.
    const hit = authorization === undefined ? undefined : this.verified.get(authorization);
    if (hit) {
      if (Math.floor(Date.now() / 1000) < hit.exp) return hit.principal;
      this.verified.delete(authorization!);
      throw new TokenRejected('expired');
    }
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new TokenRejected('missing');
    if (OrderLinkTokens.looksLike(token)) return { sub: this.links.verify(token).orderId, role: 'order-link' };
    const fresh = this.verify(token);
    keepRecent(this.verified, authorization!, fresh, VERIFIED_CACHE_SIZE);
    return fresh.principal;
  }

  private verify(token: string): Verified {
    let claims: JwtPayload | string;
    try {
      claims = verify(token, this.key, { algorithms: ['HS256'] });
    } catch (error) {
      throw new TokenRejected(error instanceof TokenExpiredError ? 'expired' : 'invalid');
    }
    const { sub, role, exp } = typeof claims === 'string' ? ({} as JwtPayload) : claims;
    if (typeof sub !== 'string' || !sub || !ROLES.includes(role) || typeof exp !== 'number') throw new TokenRejected('bad-claims');
    // verify() accepted it, so exp is in the future
    return { principal: { sub, role }, exp };
  }
}
