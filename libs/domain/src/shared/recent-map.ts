/**
 * Puts `key` last in `map` with `value` (a Map iterates in insertion order: last is most recent) and, past `max`
 * entries, drops the oldest: a sixteenth of `max` in one pass, not one key per call. Why: a Map's deleted entries stay
 * as holes until V8 rebuilds its table, and `keys().next()` walks every hole left at the front, so dropping the first
 * key per insert walks thousands of holes each time at 10,000 entries (docs/PERFORMANCE.md, session 18).
 */
export function keepRecent<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size <= max) return;
  let drop = map.size - max + (max >> 4);
  for (const oldest of map.keys()) {
    if (drop-- === 0) break;
    map.delete(oldest);
  }
}
