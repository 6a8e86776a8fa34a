import { sign } from 'jsonwebtoken';
import { BearerTokenVerifier, type TokenRejection } from './bearer-token.verifier';
import { OrderLinkTokens } from './order-link.token';
import { mayAccess } from './owner.rule';

const SECRET = 'a-test-secret-of-some-length';
const NOW = Date.parse('2026-11-30T12:00:00Z');
const OLIST_ID = 'e481f51cbdc54678b7cc49136f2d6af7';

function rejection(run: () => unknown): TokenRejection | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as { reason?: TokenRejection }).reason;
  }
}

describe('order link tokens', () => {
  const links = new OrderLinkTokens(SECRET);
  const token = links.issue({ orderId: OLIST_ID, language: 'ru', expiresAt: NOW + 3_600_000 });

  it('round-trips the order, language and expiry (to the minute), short enough for an SMS', () => {
    expect(links.verify(token, NOW)).toEqual({ orderId: OLIST_ID, language: 'ru', expiresAt: NOW + 3_600_000 });
    expect(token.length).toBeLessThanOrEqual(45);
    const other = links.issue({ orderId: 'order-é/1', language: 'en', expiresAt: NOW + 60_000 });
    expect(links.verify(other, NOW)).toMatchObject({ orderId: 'order-é/1', language: 'en' });
  });

  it('carries no customer id and nothing readable but the order', () => {
    const decoded = Buffer.from(token.split('.')[0], 'base64url');
    expect(decoded.toString('latin1')).not.toMatch(/customer|sub|role/);
    expect(decoded.subarray(5).toString('hex')).toBe(OLIST_ID);
  });

  it('refuses a forged, tampered, truncated or expired link', () => {
    const forged = new OrderLinkTokens('another-secret-entirely').issue({ orderId: OLIST_ID, language: 'ru', expiresAt: NOW + 3_600_000 });
    expect(rejection(() => links.verify(forged, NOW))).toBe('invalid');
    const [body, mac] = token.split('.');
    const otherOrder = links.issue({ orderId: 'ffff', language: 'ru', expiresAt: NOW + 3_600_000 }).split('.')[0];
    expect(rejection(() => links.verify(`${otherOrder}.${mac}`, NOW))).toBe('invalid');
    expect(rejection(() => links.verify(`${body}.${mac.slice(1)}`, NOW))).toBe('invalid');
    expect(rejection(() => links.verify('.', NOW))).toBe('invalid');
    expect(rejection(() => links.verify(token, NOW + 3_600_000))).toBe('expired');
  });

  it('is accepted by the bearer verifier as an order-link principal that reaches only its order', () => {
    const verifier = new BearerTokenVerifier(SECRET);
    const live = links.issue({ orderId: OLIST_ID, language: 'en', expiresAt: Date.now() + 60_000 });
    const who = verifier.principalOf(`Bearer ${live}`);
    expect(who).toEqual({ sub: OLIST_ID, role: 'order-link' });
    expect(mayAccess(who, 'c1', OLIST_ID)).toBe(true);
    expect(mayAccess(who, 'c1', 'another-order')).toBe(false);
    expect(mayAccess(who, 'c1')).toBe(false); // customer-wide routes (preferences, notification log) name no order
    expect(mayAccess(who, OLIST_ID)).toBe(false);
  });

  it('never turns a JWT into a link principal, whatever its claims', () => {
    const verifier = new BearerTokenVerifier(SECRET);
    const jwt = sign({ sub: OLIST_ID, role: 'order-link' }, SECRET, { algorithm: 'HS256', expiresIn: 60 });
    expect(rejection(() => verifier.principalOf(`Bearer ${jwt}`))).toBe('bad-claims');
  });
});
