/**
 * What must never reach a log line: contact details, bearer tokens, secrets and signatures. Objects
 * are redacted by key (pino `redact`, cheap: compiled once); free text is masked by pattern, because
 * an error message may quote a recipient or a header.
 */
export const REDACTED_KEYS = ['authorization', 'phone', 'email', 'to', 'token', 'deviceTokens', 'secret', 'signature', 'password', 'contacts'] as const;

/** pino redact paths: the sensitive keys at the top level, one level down and in request headers. */
export const REDACT_PATHS: string[] = [
  ...REDACTED_KEYS,
  ...REDACTED_KEYS.map((k) => `*.${k}`),
  'req.headers.authorization',
  'req.headers["x-signature"]',
  'req.headers.cookie',
];

const PATTERNS: readonly [RegExp, string][] = [
  [/\beyJ[\w-]+\.[\w-]+\.[\w-]+/g, '[jwt]'], // a JWT, whatever carries it
  [/\b(Bearer|Basic)\s+[\w.~+/=-]+/gi, '$1 [token]'],
  [/sha256=[0-9a-f]{16,}/gi, 'sha256=[signature]'],
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[email]'],
  [/\+\d[\d\s().-]{6,}\d/g, '[phone]'], // E.164 and its spaced forms; dates have no leading +
  [/\b\d{11,15}\b/g, '[phone]'], // bare international digits
  [/(secret|password|token)(["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, '$1$2[secret]'],
];

/** Masks every sensitive pattern in a piece of free text. */
export function maskText(text: string): string {
  let masked = text;
  for (const [pattern, replacement] of PATTERNS) masked = masked.replace(pattern, replacement);
  return masked;
}
