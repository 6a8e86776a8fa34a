import type { PartnerEvent } from './order.events';

/**
 * A partner event id names one fact. A retry of it is the same type with the same data, whatever
 * the order of the fields (PostgreSQL jsonb reorders keys) and whichever store it was read back
 * from; anything else under a used id is a different fact, and must not be taken as a retry.
 */
export function sameFacts(recorded: PartnerEvent, incoming: PartnerEvent): boolean {
  return recorded.type === incoming.type && sameJson(recorded.data, incoming.data);
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const keysOf = (o: object) => Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined); // JSON drops undefined
  const [ka, kb] = [keysOf(a), keysOf(b)];
  return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
