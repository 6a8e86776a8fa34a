import { type ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { fieldErrorsOf, InvalidPayloadError } from '@ot/http';
import { compilePayloadCheck, type PayloadCheck } from './compiled-payload.check';

/**
 * Validates a partner payload against its DTO. Which fields a payload may and must carry
 * depends on its kind (`event`, `status`, `kind`), so the kind is checked first and then used
 * as the class-validator group: decorators without a group apply to every kind (always: true),
 * grouped ones only to theirs, and whitelisting rejects fields no decorator of that kind names.
 */
export function validatePayload<P extends object>(payload: ClassConstructor<P>, body: unknown, kindField: keyof P & string, kinds: readonly string[]): P {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidPayloadError([{ field: '(body)', message: 'the body must be a JSON object' }]);
  }
  const kind = (body as Record<string, unknown>)[kindField];
  if (typeof kind !== 'string' || !kinds.includes(kind)) {
    throw new InvalidPayloadError([{ field: kindField, message: `${kindField} must be one of: ${kinds.join(', ')}` }]);
  }
  // Valid payloads (nearly all) are accepted by the compiled check; only the rest pay for class-validator's error list.
  if (checkFor(payload, kind)(body as Record<string, unknown>)) return body as P;
  const instance = plainToInstance(payload, body);
  // ES2022 class fields exist on every instance, even as undefined; whitelisting must only see what was sent.
  for (const key of Object.keys(instance)) if (!(key in body)) delete (instance as Record<string, unknown>)[key];
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, always: true, groups: [kind] });
  if (errors.length) throw new InvalidPayloadError(fieldErrorsOf(errors));
  return instance;
}

const checks = new Map<ClassConstructor<object>, Map<string, PayloadCheck>>();

function checkFor(payload: ClassConstructor<object>, kind: string): PayloadCheck {
  let byKind = checks.get(payload);
  if (!byKind) checks.set(payload, (byKind = new Map()));
  let check = byKind.get(kind);
  if (!check) byKind.set(kind, (check = compilePayloadCheck(payload, kind)));
  return check;
}
