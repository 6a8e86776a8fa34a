/** Rows grouped under their key, in order, with an empty list for every key that has none (a batch read's answer per id). */
export function grouped<R, T>(keys: readonly string[], rows: readonly R[], keyOf: (r: R) => string, valueOf: (r: R) => T): Map<string, T[]> {
  const groups = new Map(keys.map((k) => [k, [] as T[]]));
  for (const r of rows) groups.get(keyOf(r))?.push(valueOf(r));
  return groups;
}
