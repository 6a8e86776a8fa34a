import 'reflect-metadata';
import { type ClassConstructor, plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import fc from 'fast-check';
import { COURIER_STATUSES, CourierPayload } from '../courier/courier.payload';
import { PICKUP_POINT_KINDS, PickupPointPayload } from '../pickup-point/pickup-point.payload';
import { WAREHOUSE_EVENTS, WarehousePayload } from '../warehouse/warehouse.payload';
import { compilePayloadCheck } from './compiled-payload.check';

/** class-validator's verdict with the options validatePayload uses. */
function classValidatorAccepts(target: ClassConstructor<object>, body: Record<string, unknown>, kind: string): boolean {
  const instance = plainToInstance(target, body) as Record<string, unknown>;
  for (const key of Object.keys(instance)) if (!(key in body)) delete instance[key];
  return validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, always: true, groups: [kind] }).length === 0;
}

const PLACE = { zip: '01310-100', city: 'São Paulo', state: 'SP' };
/** A valid value for every field any partner sends (a reason valid for every kind that has one). */
const VALID: Record<string, unknown> = {
  eventId: 'wh-1',
  orderId: 'ord-1',
  customerId: 'c-1',
  trackingEventId: 'trk-1',
  shipmentRef: 'ord-1',
  id: 'pp-1',
  occurredAt: '2026-01-02T10:00:00+03:00',
  timestamp: '2026-01-02T10:00:00Z',
  at: '2026-01-02T10:00:00.123Z',
  storageDeadline: '2026-01-09T18:00:00Z',
  handOverBy: '2026-01-04T18:00:00-03:00',
  promisedDate: '2026-01-10',
  origin: PLACE,
  destination: PLACE,
  location: PLACE,
  point: { id: 'L1', address: 'Rua A, 1' },
  itemCount: 2,
  priceTotal: 129.9,
  freightTotal: 19.9,
  carrier: 'Correios',
  reason: 'weather',
  detail: 'storm',
  exceptionCode: 'WEATHER',
  actionId: 'act-1',
};
/** Replacements: wrong types, limits, bad dates, bad nested objects, absent. */
const POOL: unknown[] = [
  '',
  'x',
  'x'.repeat(201),
  'x'.repeat(200),
  '   ',
  'a\u0000b',
  'a\u202eb',
  'a\u2066b',
  'ordem-\u{1f4e6}',
  'x'.repeat(501),
  '2026-02-30T10:00:00Z',
  '2026-01-02T10:00',
  '2026-01-02',
  'weather',
  'WEATHER',
  'lost',
  0,
  1,
  2.5,
  -3,
  null,
  true,
  {},
  [],
  ['x'],
  { zip: 5 },
  { ...PLACE, extra: 'y' },
  { id: '', address: 'a' },
  { id: 'L1' },
  { id: 'L1', address: 'a', x: 1 },
  undefined,
];

const PARTNERS: [string, ClassConstructor<object>, string, readonly string[]][] = [
  ['warehouse', WarehousePayload, 'event', WAREHOUSE_EVENTS],
  ['courier', CourierPayload, 'status', COURIER_STATUSES],
  ['pickup-point', PickupPointPayload, 'kind', PICKUP_POINT_KINDS],
];

/** The fields a kind may carry, each with its valid value: the base every case mutates. */
function validBase(target: ClassConstructor<object>, kindField: string, kind: string): Record<string, unknown> {
  const names = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(target, '', true, false, [kind])
      .map((m) => m.propertyName),
  );
  return Object.fromEntries([...names].map((name) => [name, name === kindField ? kind : VALID[name]]));
}

describe.each(PARTNERS)('compiled payload check: %s', (_partner, target, kindField, kinds) => {
  it.each([...kinds])('accepts the valid payload of %s without class-validator (the fast path is in use)', (kind) => {
    const base = validBase(target, kindField, kind);
    expect(classValidatorAccepts(target, base, kind)).toBe(true);
    expect(compilePayloadCheck(target, kind)(base)).toBe(true);
  });

  it('never accepts what class-validator rejects, and accepts what it accepts (random mutations of valid payloads)', () => {
    const checks = new Map(kinds.map((k) => [k, compilePayloadCheck(target, k)]));
    const verdicts = { accepted: 0, rejected: 0 };
    const mutation = fc.record({ action: fc.nat(99), pick: fc.nat(POOL.length - 1) });
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        fc.array(mutation, { minLength: 12, maxLength: 12 }),
        fc.constantFrom(...Object.keys(VALID), 'unknownField'),
        (kind, mutations, foreign) => {
          const body: Record<string, unknown> = validBase(target, kindField, kind);
          Object.keys(body)
            .filter((k) => k !== kindField)
            .forEach((key, i) => {
              const { action, pick } = mutations[i % mutations.length];
              if (action < 8) delete body[key];
              else if (action < 20) body[key] = POOL[pick];
            });
          if (mutations[11].action >= 90) body[foreign] = VALID[foreign] ?? 'x';
          const expected = classValidatorAccepts(target, body, kind);
          verdicts[expected ? 'accepted' : 'rejected']++;
          expect(checks.get(kind)!(body)).toBe(expected);
        },
      ),
      { numRuns: 3000, seed: 7 },
    );
    // both verdicts must have been exercised, or the property says little
    expect(verdicts.accepted).toBeGreaterThan(300);
    expect(verdicts.rejected).toBeGreaterThan(300);
  });
});
