import fc from 'fast-check';
import { courier, newOrderId, orderPlaced, pickupPoint, warehouse } from '../../e2e/support/payloads';

/** Generators of hostile webhook input for webhook-fuzz.spec.ts; each one is invalid by construction. */

/** Characters an id may carry that still trip naive handling: URL delimiters, quotes, escapes, spaces, emoji, accents, CJK. */
export const READABLE_ODD_CHARS = ['\u{1f4e6}', '\\', '"', ' ', '/', '%', '?', '#', '+', '\u00e7', '\u6ce8', '\u00a0'];
/** ...and ones it may not: lone surrogates, NUL, RTL override, isolate, mark, BOM, zero-width joiner, newline. */
export const ODD_CHARS = [...READABLE_ODD_CHARS, '\ud800', '\udfff', '\u0000', '\u202e', '\u2066', '\u200f', '\ufeff', '\u200d', '\n'];

const joined = (part: fc.Arbitrary<string>) => fc.array(part, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));
/** A non-empty string short enough to be a valid id: half of them readable odd ones, half anything odd. */
export const oddString = fc.oneof(
  joined(fc.oneof(fc.constantFrom(...READABLE_ODD_CHARS), fc.string({ minLength: 1, maxLength: 3 }))),
  joined(fc.oneof(fc.constantFrom(...ODD_CHARS), fc.string16bits({ minLength: 1, maxLength: 3 }))),
);

/** Raw bodies: arbitrary text (mostly not JSON), JSON of the wrong shape, truncated real payloads. */
export const rawBody = fc.oneof(
  fc.string16bits({ maxLength: 200 }),
  fc.fullUnicodeString({ maxLength: 200 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'),
  fc.nat({ max: 300 }).map((n) => JSON.stringify(orderPlaced(newOrderId())).slice(0, n)),
);

const STRING_FIELDS = ['eventId', 'event', 'orderId', 'occurredAt', 'customerId', 'promisedDate'] as const;
const notAString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 2 }),
);
// null counts as absent for the optional itemCount (class-validator's IsOptional), so it is not here, nor NaN (JSON makes it null)
const notAPositiveInt = fc.oneof(fc.integer({ max: 0 }), fc.double({ min: 1.01, max: 1e6, noInteger: true, noNaN: true }), fc.string(), fc.boolean());
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
  fc
    .tuple(fc.constantFrom('eventId', 'orderId', 'customerId'), fc.integer({ min: 201, max: 5000 }))
    .map(([field, n]) => ({ ...orderPlaced(newOrderId()), [field]: 'x'.repeat(n) })),
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

/** What no id may carry: controls (NUL, DEL, C1), bidi embeddings, overrides, isolates and marks, zero-width, BOM, line separators. */
export const UNPRINTABLE_CHARS = [
  '\u0000',
  '\u0001',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u202a',
  '\u202e',
  '\u2066',
  '\u2069',
  '\u200e',
  '\u200f',
  '\u061c',
  '\u200b',
  '\ufeff',
  '\u2028',
  '\u2029',
];
const BLANKS = [' ', '\u00a0', '\u2003', '\u3000'];

/** Every id field of every partner, with a payload builder that puts `id` there. */
const ID_FIELDS: [partner: 'warehouse' | 'courier' | 'pickup-point', field: string, build: (id: string) => object][] = [
  ['warehouse', 'orderId', (id) => ({ ...orderPlaced(newOrderId()), orderId: id })],
  ['warehouse', 'eventId', (id) => ({ ...orderPlaced(newOrderId()), eventId: id })],
  ['warehouse', 'customerId', (id) => orderPlaced(newOrderId(), id)],
  ['courier', 'shipmentRef', (id) => courier(id, 'PICKED_UP', '2026-01-02T10:00:00Z')],
  ['courier', 'trackingEventId', (id) => ({ ...courier(newOrderId(), 'PICKED_UP', '2026-01-02T10:00:00Z'), trackingEventId: id })],
  ['pickup-point', 'orderId', (id) => pickupPoint(id, 'picked_up', '2026-01-02T10:00:00Z')],
  ['pickup-point', 'id', (id) => ({ ...pickupPoint(newOrderId(), 'picked_up', '2026-01-02T10:00:00Z'), id })],
];

/** An id with one unprintable character among ordinary ones, or only blanks, in one id field of one partner. */
export const unreadableId = fc
  .tuple(
    fc.constantFrom(...ID_FIELDS),
    fc.oneof(
      fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...UNPRINTABLE_CHARS), fc.string({ maxLength: 8 })).map(([a, c, b]) => `${a}${c}${b}`),
      fc.array(fc.constantFrom(...BLANKS), { minLength: 1, maxLength: 8 }).map((blanks) => blanks.join('')),
    ),
  )
  .map(([[partner, field, build], id]) => ({ partner, field, body: build(id) }));

/** Each partner's time field, dated from past the allowed skew (given in ms) up to year 9999. */
export const futureEvent = (skewMs: number) =>
  fc
    .tuple(fc.constantFrom('warehouse', 'courier', 'pickup-point'), fc.integer({ min: skewMs + 60_000, max: Date.UTC(9999, 0, 1) - Date.now() }))
    .map(([partner, aheadMs]) => {
      const at = new Date(Date.now() + aheadMs).toISOString();
      const id = newOrderId();
      const [field, body] = {
        warehouse: ['occurredAt', warehouse(id, 'order.packed', at)],
        courier: ['timestamp', courier(id, 'PICKED_UP', at)],
        'pickup-point': ['at', pickupPoint(id, 'picked_up', at)],
      }[partner] as [string, object];
      return { partner: partner as 'warehouse', field, body };
    });

/** A second warehouse message reusing the placement's event id for another fact. */
export const reusedEventId = fc.constantFrom<[string, (placed: ReturnType<typeof orderPlaced>) => object]>(
  ['canceled', (p) => ({ ...warehouse(p.orderId, 'order.canceled', '2026-01-01T12:00:00Z'), eventId: p.eventId })],
  ['packed', (p) => ({ ...warehouse(p.orderId, 'order.packed', '2026-01-01T12:00:00Z'), eventId: p.eventId })],
  ['delayed', (p) => ({ ...warehouse(p.orderId, 'order.delayed', '2026-01-01T12:00:00Z', { reason: 'weather' }), eventId: p.eventId })],
  ['placed, other promise', (p) => ({ ...p, promisedDate: '2026-01-11' })],
  ['placed, other customer', (p) => ({ ...p, customerId: 'c2' })],
  ['placed, other time', (p) => ({ ...p, occurredAt: '2026-01-01T10:00:01Z' })],
  ['placed, other destination', (p) => ({ ...p, destination: { ...p.destination, zip: '30000-000' } })],
);
