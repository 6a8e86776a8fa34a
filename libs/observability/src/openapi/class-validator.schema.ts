import { getMetadataStorage, ValidationTypes } from 'class-validator';

export type JsonSchema = Record<string, unknown>;
type Constructor = abstract new (...args: never[]) => object;

/**
 * The JSON schema of a DTO, read from its class-validator decorators: the same rules that validate a
 * request describe it. A rule limited to some validation groups (our partners' event names) is listed
 * in the field's description and makes it not required, since other events must leave it out.
 */
export function schemaOf(target: Constructor, nested: (type: Constructor) => void = () => undefined): JsonSchema {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(target as never, '', true, false);
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, rules] of Object.entries(storage.groupByPropertyName(metadatas))) {
    const schema: JsonSchema = {};
    const groups = new Set<string>();
    let optional = false;
    for (const rule of rules) {
      rule.groups?.forEach((g) => groups.add(g));
      if (rule.type === ValidationTypes.CONDITIONAL_VALIDATION) optional = true;
      else if (rule.type === ValidationTypes.NESTED_VALIDATION) {
        const type = Reflect.getMetadata('design:type', target.prototype, name) as Constructor | undefined;
        if (type && type !== Object) {
          schema.$ref = `#/components/schemas/${type.name}`;
          nested(type);
        }
      } else if (rule.type === ValidationTypes.CUSTOM_VALIDATION) {
        for (const constraint of storage.getTargetValidatorConstraints(rule.constraintCls))
          Object.assign(schema, constraintSchema(constraint.name, rule.constraints));
      }
    }
    if (groups.size) schema.description = `only for: ${[...groups].join(', ')}`;
    properties[name] = schema;
    if (!optional && !groups.size) required.push(name);
  }
  return { type: 'object', additionalProperties: false, properties, ...(required.length ? { required } : {}) };
}

/** The constraints our DTOs use; an unknown one leaves the field's schema open rather than wrong. */
function constraintSchema(name: string, constraints: unknown[] = []): JsonSchema {
  switch (name) {
    case 'isString':
      return { type: 'string' };
    case 'isNotEmpty':
      return { minLength: 1 };
    case 'maxLength':
      return { maxLength: constraints[0] };
    case 'minLength':
      return { minLength: constraints[0] };
    case 'isIn':
      return { enum: constraints[0] };
    case 'isInt':
      return { type: 'integer' };
    case 'isNumber':
      return { type: 'number' };
    case 'isBoolean':
      return { type: 'boolean' };
    case 'min':
      return { minimum: constraints[0] };
    case 'max':
      return { maximum: constraints[0] };
    case 'isObject':
      return { type: 'object' };
    case 'isArray':
      return { type: 'array' };
    case 'arrayMaxSize':
      return { maxItems: constraints[0] };
    case 'isDateString':
      return { type: 'string' }; // the pattern beside it says which form
    case 'matches':
      return { pattern: String((constraints[0] as RegExp)?.source ?? constraints[0]) };
    default:
      return name ? { 'x-constraint': name } : {};
  }
}

/** The schemas of these DTOs and of every class nested in them, by class name (OpenAPI components). */
export function componentSchemas(...targets: Constructor[]): Record<string, JsonSchema> {
  const schemas: Record<string, JsonSchema> = {};
  const add = (type: Constructor): void => {
    if (schemas[type.name]) return;
    schemas[type.name] = {}; // placed first: a class nested in itself is described once
    schemas[type.name] = schemaOf(type, add);
  };
  targets.forEach(add);
  return schemas;
}

/**
 * Fills the document's empty component schemas (a controller's `@Body() dto: SomeDto` without swagger
 * decorators) from the class-validator rules of the class of that name, so every validated body is
 * described by the rules that validate it.
 */
export function describeValidatedBodies(schemas: Record<string, JsonSchema>): void {
  const validated = (getMetadataStorage() as unknown as { validationMetadatas?: Map<Constructor, unknown> }).validationMetadatas;
  const byName = new Map([...(validated?.keys() ?? [])].map((target) => [target.name, target]));
  for (const [name, schema] of Object.entries(schemas)) {
    const target = byName.get(name);
    const empty = !schema.properties || Object.keys(schema.properties as object).length === 0;
    if (!target || !empty) continue;
    for (const [nested, described] of Object.entries(componentSchemas(target))) if (nested === name || !schemas[nested]) schemas[nested] = described;
  }
}
