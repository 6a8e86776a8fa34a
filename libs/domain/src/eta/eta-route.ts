import type { Place } from '../order/order.events';
import { InternTable } from '../shared/intern-table';

/** What the ETA model knows about where a parcel goes and who carries it. */
export type EtaRoute = Readonly<{ origin: Place; destination: Place; carrier?: string; seller?: string }>;

export type EtaStage = 'handoff' | 'transit';
export const ETA_STAGES: readonly EtaStage[] = ['handoff', 'transit'];

/**
 * One object per distinct route (the first one given, so callers pass a fresh object and never change it):
 * an open order keeps its route for its whole life, and a copy per order (its places' strings, its chains'
 * cache entry) was about 300 B of each order's heap.
 */
export function sharedRoute(route: EtaRoute): EtaRoute {
  const { origin: o, destination: d } = route;
  const key = [o.zipPrefix, o.city, o.state, d.zipPrefix, d.city, d.state, route.seller, route.carrier].map((v) => v ?? '\u0002').join('\u0001');
  return ROUTES.intern(key, () => route);
}
const ROUTES = new InternTable<EtaRoute>();

const zip3 = (p: Place): string | undefined => (p.zipPrefix && p.zipPrefix.length >= 3 ? p.zipPrefix.slice(0, 3) : undefined);

/**
 * The back-off chain for a stage, coarsest first: each group's estimate leans on the one
 * before it until it has enough recent observations of its own. Levels with an unknown
 * field are skipped, so a parcel with no zip still gets its state-level estimate.
 *
 * handoff (placed -> with carrier) depends on the shipper: global > origin state > origin
 *   zip3 > origin zip (the seller's place) > the seller or warehouse itself, when the order names it.
 * transit (with carrier -> delivered) depends on the lane: global > destination state >
 *   state-to-state route > origin state to destination zip3, each split by carrier when known.
 */
export function backoffChain(stage: EtaStage, route: EtaRoute): readonly string[] {
  let byStage = CHAINS.get(route);
  if (!byStage) CHAINS.set(route, (byStage = {}));
  return (byStage[stage] ??= interned(chainOf(stage, route)));
}

/** One array per distinct chain (its finest group names it): a million open parcels share a few thousand. */
const INTERNED = new Map<string, readonly string[]>();
function interned(chain: readonly string[]): readonly string[] {
  const name = chain[chain.length - 1];
  const known = INTERNED.get(name);
  if (known) return known;
  INTERNED.set(name, chain);
  return chain;
}

/**
 * A route is immutable data kept by its open order: its chains are worked out once (a forecast asks for
 * two, each parcel's begin, end and observe for one), not rebuilt from strings every time.
 */
const CHAINS = new WeakMap<EtaRoute, Partial<Record<EtaStage, readonly string[]>>>();

function chainOf(stage: EtaStage, route: EtaRoute): readonly string[] {
  const { origin: o, destination: d } = route;
  const keys = ['*'];
  const push = (key: string | false | undefined): void => {
    if (key) keys.push(key);
  };
  if (stage === 'handoff') {
    push(o.state && `o:${o.state}`);
    push(o.state && zip3(o) && `o:${o.state}:${zip3(o)}`);
    push(o.state && o.zipPrefix && `o:${o.state}:${o.zipPrefix}`);
    // the seller's group names the chain (see interned): it carries its place so two chains never share a name
    push(route.seller && `o:${o.state ?? ''}:${o.zipPrefix ?? ''}|s:${route.seller}`);
    return keys.map((k) => `${stage}/${k}`);
  }
  const carrier = route.carrier ? `|${route.carrier}` : '';
  push(d.state && `d:${d.state}`);
  push(o.state && d.state && `r:${o.state}>${d.state}`);
  push(carrier && o.state && d.state && `r:${o.state}>${d.state}${carrier}`);
  push(o.state && d.state && zip3(d) && `r:${o.state}>${d.state}:${zip3(d)}${carrier}`);
  return keys.map((k) => `${stage}/${k}`);
}
