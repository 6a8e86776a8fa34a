import fc from 'fast-check';
import { Writable } from 'node:stream';
import { maskText } from './log-masking';
import { createRootLogger } from './root.logger';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjMSJ9.c2lnbmF0dXJlLXBhcnQtMTIz';

describe('maskText', () => {
  it.each([
    ['a phone in E.164', 'sms to +15557654321 failed', '+15557654321'],
    ['a spaced phone', 'call +55 21 98765-4321 now', '98765-4321'],
    ['bare international digits', 'recipient 15557654321 unknown', '15557654321'],
    ['an email', 'mail to private.person@example.org bounced', 'private.person@example.org'],
    ['a JWT', `token ${JWT} expired`, JWT],
    ['a bearer header', 'authorization: Bearer abc.def-ghi', 'abc.def-ghi'],
    ['a webhook signature', 'x-signature: sha256=0123456789abcdef0123456789abcdef', '0123456789abcdef0123456789abcdef'],
    ['a secret assignment', 'JWT_SECRET=dev-jwt-secret rejected', 'dev-jwt-secret'],
  ])('hides %s', (_what, text, hidden) => {
    expect(maskText(text)).not.toContain(hidden);
  });

  it('leaves what an operator needs: instants, dates, order ids, positions', () => {
    const line = 'order o-12345 ParcelScanned at 2026-01-02T09:00:00.000Z, promised 2026-01-10, position 48213';
    expect(maskText(line)).toBe(line);
  });

  it('never lets an email or E.164 phone through, whatever surrounds it', () => {
    const email = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,10}$/), fc.stringMatching(/^[a-z]{1,8}\.[a-z]{2,4}$/)).map(([u, d]) => `${u}@${d}`);
    const phone = fc.stringMatching(/^\+[1-9]\d{7,13}$/);
    fc.assert(
      fc.property(fc.string(), fc.oneof(email, phone), fc.string(), (before, secret, after) => !maskText(`${before} ${secret} ${after}`).includes(secret)),
    );
  });
});

describe('root logger', () => {
  it('writes JSON lines with the level name, redacting sensitive keys and masking messages', () => {
    const lines: string[] = [];
    const destination = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const logger = createRootLogger({ service: 'test', level: 'info', destination: { write: (s: string) => void destination.write(s) } });
    logger.info(
      { contacts: { phone: '+15557654321' }, req: { headers: { authorization: `Bearer ${JWT}` } }, orderId: 'o-1' },
      'push to private.person@example.org',
    );
    logger.debug('not at info');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'info', service: 'test', orderId: 'o-1', contacts: '[redacted]', msg: 'push to [email]' });
    expect(lines[0]).not.toContain('+15557654321');
    expect(lines[0]).not.toContain(JWT);
  });
});
