/** Thrown inside copyPlain when a value is not plain JSON data; the whole copy then goes through JSON itself. */
const NOT_PLAIN = Symbol('not plain JSON data');

/** Deeper than any event; past it (or on a cycle) JSON.stringify decides, with its own error. */
const MAX_DEPTH = 64;

/**
 * What `JSON.parse(JSON.stringify(value))` gives, without the text in between: plain objects, arrays,
 * strings, finite numbers, booleans and null are copied as they are. Anything JSON would change
 * (undefined, functions, symbols, bigints, non-finite numbers, toJSON, class instances, Dates, a
 * `__proto__` key) hands the whole value to JSON, so the result is always JSON's.
 */
export function copyAsJson<V>(value: V): V {
  try {
    return copyPlain(value, 0) as V;
  } catch (error) {
    if (error !== NOT_PLAIN) throw error;
    return JSON.parse(JSON.stringify(value)) as V;
  }
}

function copyPlain(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw NOT_PLAIN;
      return value === 0 ? 0 : value; // -0 comes back from JSON as 0
    case 'object':
      break;
    default:
      throw NOT_PLAIN;
  }
  if (value === null) return null;
  if (depth >= MAX_DEPTH) throw NOT_PLAIN;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copyPlain(value[i], depth + 1);
    return out;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) throw NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || key === 'toJSON') throw NOT_PLAIN;
    out[key] = copyPlain((value as Record<string, unknown>)[key], depth + 1);
  }
  return out;
}
