import fc from 'fast-check';
import { newOrderId, orderPlaced } from '../../e2e/support/payloads';

/** Generators of hostile webhook input for webhook-fuzz.spec.ts; each one is invalid by construction. */

/** Characters that break naive handling: lone surrogates, NUL, RTL override, BOM, zero-width joiner, emoji. */
export const ODD_CHARS = ['\ud800', '\udfff', '\u0000', '\u202e', '\ufeff', '\u200d', '\u{1f4e6}', '\\', '"', '\n'];

/** A non-empty string made of odd characters and ordinary ones, short enough to be a valid id. */
export const oddString = fc
  .array(fc.oneof(fc.constantFrom(...ODD_CHARS), fc.string16bits({ minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 12 })
  .map((parts) => parts.join(''));

/** Raw bodies: arbitrary text (mostly not JSON), JSON of the wrong shape, truncated real payloads. */
export const rawBody = fc.oneof(
  fc.string16bits({ maxLength: 200 }),
  fc.fullUnicodeString({ maxLength: 200 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'),
  fc.nat({ max: 300 }).map((n) => JSON.stringify(orderPlaced(newOrderId())).slice(0, n)),
);

const STRING_FIELDS = ['eventId', 'event', 'orderId', 'occurredAt', 'customerId', 'promisedDate'] as const;
const notAString = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 2 }));
// null counts as absent for the optional itemCount (class-validator's IsOptional), so it is not here
const notAPositiveInt = fc.oneof(fc.integer({ max: 0 }), fc.double({ min: 1.01, max: 1e6, noInteger: true }), fc.string(), fc.boolean());
const notAnObject = fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }));

/** A valid `order.placed` with exactly one field of the wrong type (or missing). */
export const wrongTypePlaced = fc
  .oneof(
    fc.tuple(fc.constantFrom<string>(...STRING_FIELDS), fc.oneof(notAString, fc.constant(undefined))),
    fc.tuple(fc.constant('itemCount'), notAPositiveInt),
    fc.tuple(fc.constantFrom('origin', 'destination'), notAnObject),
  )
  .map(([field, value]) => ({ ...orderPlaced(newOrderId()), [field]: value }));

/** Oversized: an id past 200 characters, or a body past the 64 KiB limit (field or extra array). */
export const hugePlaced = fc.oneof(
  fc.tuple(fc.constantFrom('eventId', 'orderId', 'customerId'), fc.integer({ min: 201, max: 5000 })).map(([field, n]) => ({ ...orderPlaced(newOrderId()), [field]: 'x'.repeat(n) })),
  fc.integer({ min: 70_000, max: 200_000 }).map((n) => ({ ...orderPlaced(newOrderId()), customerId: 'y'.repeat(n) })),
  fc.integer({ min: 1, max: 20_000 }).map((n) => ({ ...orderPlaced(newOrderId()), extra: Array.from({ length: n }, (_, i) => i) })),
);

export type SignatureFault = 'wrong-secret' | 'no-signature' | 'no-timestamp' | 'malformed-signature' | 'future' | 'past' | 'tampered' | 'twice';
export const signatureFault = fc.record({
  fault: fc.constantFrom<SignatureFault>('wrong-secret', 'no-signature', 'no-timestamp', 'malformed-signature', 'future', 'past', 'tampered', 'twice'),
  skewSeconds: fc.integer({ min: 301, max: 10 * 365 * 86_400 }),
  noise: fc.string16bits({ maxLength: 20 }),
});

/** Percent-encodes the UTF-8 bytes, so lone surrogates (U+FFFD on the wire) can reach a URL path too. */
export const percentEncoded = (text: string): string => [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
