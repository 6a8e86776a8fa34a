import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { TokenRejected } from './token-rejected';

export const LINK_LANGUAGES = ['en', 'ru'] as const;
export type LinkLanguage = (typeof LINK_LANGUAGES)[number];

/** What a customer link grants: one order's customer routes, until it expires, shown in a language. */
export type OrderLink = Readonly<{ orderId: string; language: LinkLanguage; expiresAt: number }>;

const MAC_BYTES = 12;
const HEX_ORDER_ID = /^(?:[0-9a-f]{2})+$/;
const FLAG_HEX = 1;
const FLAG_RU = 2;

/**
 * Signed, expiring, opaque order links for the customer page, SMS short links and email buttons.
 * Not a JWT: a JWT's payload is readable, and a link must not carry the customer id. The token holds
 * only the order id (hex ids packed to bytes, so an SMS link stays short), the expiry in minutes and
 * the language, MACed with a key derived from JWT_SECRET (HKDF, so the bearer key never signs links).
 * The service resolves the customer from the order. One dot, where a JWT has two.
 */
export class OrderLinkTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), 'order-link-token/v1', 32));
  }

  static looksLike(token: string): boolean {
    return token.indexOf('.') > 0 && token.indexOf('.') === token.lastIndexOf('.');
  }

  issue(link: OrderLink): string {
    const hex = HEX_ORDER_ID.test(link.orderId);
    const header = Buffer.alloc(5);
    header.writeUInt8((hex ? FLAG_HEX : 0) | (link.language === 'ru' ? FLAG_RU : 0), 0);
    header.writeUInt32BE(Math.ceil(link.expiresAt / 60_000), 1);
    const body = Buffer.concat([header, Buffer.from(link.orderId, hex ? 'hex' : 'utf8')]).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The link a token grants; throws TokenRejected ('invalid' for anything forged or malformed, 'expired'). */
  verify(token: string, now = Date.now()): OrderLink {
    const [body, mac] = token.split('.');
    const expected = Buffer.from(this.mac(body ?? ''));
    if (!body || !mac || mac.length !== expected.length || !timingSafeEqual(Buffer.from(mac), expected)) throw new TokenRejected('invalid');
    const bytes = Buffer.from(body, 'base64url');
    if (bytes.length < 6) throw new TokenRejected('invalid');
    const flags = bytes.readUInt8(0);
    const expiresAt = bytes.readUInt32BE(1) * 60_000;
    if (now >= expiresAt) throw new TokenRejected('expired');
    const orderId = bytes.subarray(5).toString(flags & FLAG_HEX ? 'hex' : 'utf8');
    return { orderId, language: flags & FLAG_RU ? 'ru' : 'en', expiresAt };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, MAC_BYTES).toString('base64url');
  }
}
