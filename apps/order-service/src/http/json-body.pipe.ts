import { Injectable, type PipeTransform } from '@nestjs/common';
import { InvalidPayloadError, ProblemException, problemType } from '@ot/http';
import { MALFORMED_JSON } from './json-body.parser';

/** Runs after the guards: only a caller who signed these bytes learns they are not JSON. */
@Injectable()
export class JsonBodyPipe implements PipeTransform {
  transform(value: unknown): unknown {
    if (value === MALFORMED_JSON || value === undefined) {
      const detail = value === undefined ? 'the request has no JSON body (Content-Type: application/json)' : 'the request body is not valid JSON';
      throw new ProblemException({ type: problemType('malformed-json'), title: 'Malformed JSON', status: 400, detail });
    }
    const field = illFormedStringAt(value, '');
    if (field !== undefined)
      throw new InvalidPayloadError([{ field: field || '(body)', message: 'contains a lone UTF-16 surrogate (\\uD800-\\uDFFF escape)' }]);
    return value;
  }
}

/** With the u flag a proper pair is one code point, so only a lone surrogate matches (String#isWellFormed is ES2024). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * JSON may carry a lone surrogate as a \uD800 escape. No store keeps it: Node's UTF-8 encoding
 * (every SQLite or PostgreSQL write) turns it into U+FFFD, so `order-x\uD800` was stored under
 * another id than the one acknowledged (unreadable by that id, colliding with `order-x\uDFFF`).
 */
function illFormedStringAt(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (LONE_SURROGATE.test(key)) return at;
    const found = illFormedStringAt(item, at);
    if (found !== undefined) return found;
  }
  return undefined;
}
