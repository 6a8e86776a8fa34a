import type { ClassConstructor } from 'class-transformer';
import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';

/**
 * A fast "is this payload valid?" for the hot path, compiled once per (DTO, kind) from the DTO's own
 * class-validator decorators, so the decorators stay the one contract. It calls the same constraint
 * functions class-validator would, without its per-call metadata walk, instance building and error
 * objects. It only ever says "valid" or "ask class-validator": a payload it does not accept (or a DTO
 * feature it does not handle) goes through class-validator, which gives the exact errors.
 * A property test (compiled-payload.check.spec.ts) holds the two to the same verdicts.
 */
export type PayloadCheck = (body: Record<string, unknown>) => boolean;

type Schema = { allowed: Set<string>; properties: PropertyRule[] };
type PropertyRule = {
  name: string;
  conditions: ((object: object, value: unknown) => boolean)[];
  checks: ((object: object, value: unknown) => boolean)[];
  nested: Schema | null;
};
type Metadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

/** Compiled with the options validatePayload gives class-validator: groups [kind], always: true, whitelist + forbidNonWhitelisted. */
export function compilePayloadCheck(target: ClassConstructor<object>, kind: string): PayloadCheck {
  const schema = compileSchema(target, kind);
  if (!schema) return () => false; // a decorator this compiler does not know: class-validator handles every payload
  return (body) => accepts(schema, body);
}

function compileSchema(target: ClassConstructor<object>, kind: string): Schema | null {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(target, '', true, false, [kind]);
  if (!metadatas.length) return null; // forbidUnknownValues: class-validator rejects a class without rules
  const properties: PropertyRule[] = [];
  for (const [name, own] of Object.entries(storage.groupByPropertyName(metadatas))) {
    const rule = compileProperty(target, kind, name, own);
    if (!rule) return null;
    properties.push(rule);
  }
  return { allowed: new Set(properties.map((p) => p.name)), properties };
}

function compileProperty(target: ClassConstructor<object>, kind: string, name: string, metadatas: Metadata[]): PropertyRule | null {
  const storage = getMetadataStorage();
  const rule: PropertyRule = { name, conditions: [], checks: [], nested: null };
  for (const m of metadatas) {
    if (m.each) return null;
    if (m.type === ValidationTypes.CONDITIONAL_VALIDATION) {
      rule.conditions.push(m.constraints[0] as (object: object, value: unknown) => boolean);
    } else if (m.type === ValidationTypes.CUSTOM_VALIDATION) {
      for (const constraint of storage.getTargetValidatorConstraints(m.constraintCls)) {
        if (constraint.async) return null;
        // `instance` is a container lookup (a linear search) on every read: resolve it once, here.
        const { instance } = constraint;
        // One arguments object per rule, refilled per call: validators are synchronous, so it is never shared.
        const args: ValidationArguments = { targetName: target.name, property: name, constraints: m.constraints, object: {}, value: undefined };
        rule.checks.push((object, value) => {
          args.object = object;
          args.value = value;
          return instance.validate(value, args) === true;
        });
      }
    } else if (m.type === ValidationTypes.NESTED_VALIDATION) {
      // class-validator finds the nested rules through the instance class-transformer built; the declared type is that class
      const type = Reflect.getMetadata('design:type', target.prototype, name) as ClassConstructor<object> | undefined;
      if (!type || type === Object) return null;
      rule.nested = compileSchema(type, kind);
      if (!rule.nested) return null;
    } else if (m.type !== ValidationTypes.WHITELIST) {
      return null; // IS_DEFINED, promise validation, ...: not used by our DTOs, left to class-validator
    }
  }
  return rule;
}

function accepts(schema: Schema, object: Record<string, unknown>): boolean {
  for (const key in object) if (!schema.allowed.has(key)) return false;
  for (const { name, conditions, checks, nested } of schema.properties) {
    const value = object[name];
    if (!conditions.every((applies) => applies(object, value))) continue;
    if (!checks.every((check) => check(object, value))) return false;
    if (nested && value !== undefined) {
      if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Set || value instanceof Map) return false;
      if (!accepts(nested, value as Record<string, unknown>)) return false;
    }
  }
  return true;
}
