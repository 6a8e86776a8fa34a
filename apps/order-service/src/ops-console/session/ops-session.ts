import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';

/** The cookie that carries the ops token after sign-in (HttpOnly: page scripts never see it). */
export const SESSION_COOKIE = 'ops_session';
export const CSRF_HEADER = 'x-csrf-token';

/** One cookie's value from a Cookie header, or undefined. */
export function cookieValue(header: string | string[] | undefined, name: string): string | undefined {
  for (const part of (Array.isArray(header) ? header.join(';') : (header ?? '')).split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export function sessionCookie(token: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/ops; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}
export const clearedSessionCookie = `${SESSION_COOKIE}=; Path=/ops; HttpOnly; SameSite=Strict; Max-Age=0`;

/**
 * CSRF tokens for cookie sessions: an HMAC of the session's token under a key made at boot. The
 * page reads it from GET /ops/api/session (same origin only) and sends it back in X-CSRF-Token on
 * every state-changing request; a cross-site form can send the cookie but cannot know the token.
 */
@Injectable()
export class CsrfTokens {
  private readonly key = randomBytes(32);

  for(sessionToken: string): string {
    return createHmac('sha256', this.key).update(sessionToken).digest('base64url');
  }

  matches(sessionToken: string, sent: string | string[] | undefined): boolean {
    if (typeof sent !== 'string') return false;
    const expected = Buffer.from(this.for(sessionToken));
    const given = Buffer.from(sent);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
