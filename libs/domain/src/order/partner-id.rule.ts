/**
 * The one rule for ids partners send (order ids, partner event ids, customer ids, shipment refs).
 * Every accepted id must be readable back: through GET /orders/:id, in a log line, in an ops
 * screen. So no control characters (NUL included), no format characters (bidi overrides and
 * isolates, marks, zero-width), no lone surrogates, no line breaks, and not only whitespace;
 * nor `.` or `..`, which URL parsers resolve as path segments even when percent-encoded.
 */
export const ID_MAX_LENGTH = 200;

export const ID_RULE = `1 to ${ID_MAX_LENGTH} printable characters: no control, bidi or other format characters, not only spaces, not . or ..`;

// \p{C}: control (Cc, NUL), format (Cf: bidi, zero-width, BOM), lone surrogate (Cs), private use, unassigned.
const UNPRINTABLE = /[\p{C}\p{Zl}\p{Zp}]/u;
const BLANK = /^\p{White_Space}*$/u;

/** Length in UTF-16 code units, as the HTTP router counts a decoded path parameter. */
export function isValidId(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > ID_MAX_LENGTH) return false;
  return !UNPRINTABLE.test(value) && !BLANK.test(value) && value !== '.' && value !== '..';
}
