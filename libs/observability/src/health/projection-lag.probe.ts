import type { EventStore } from '@ot/application';

/** A reader of the whole log (projection, relay) and how far it got. */
export type LogFollower = Readonly<{ name: string; position: () => Promise<number> }>;

/**
 * How far behind each follower is, in ms: the age of the oldest event it has not processed yet, 0
 * when it has them all. One single-event read each, so it is safe to run on every scrape.
 */
export async function projectionLagMs(store: EventStore, followers: readonly LogFollower[], now: number): Promise<Record<string, number>> {
  const lags: Record<string, number> = {};
  for (const follower of followers) {
    const [next] = await store.readAll(await follower.position(), 1);
    lags[follower.name] = next ? Math.max(0, now - Date.parse(next.recordedAt)) : 0;
  }
  return lags;
}
