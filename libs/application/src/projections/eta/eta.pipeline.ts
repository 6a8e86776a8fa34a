import { DEFAULT_DELAY_RULES, DEFAULT_ETA_CONFIG, type DelayRulesConfig, type EtaModelConfig } from '@ot/domain';
import type { Clock } from '../../ports/clock.port';
import type { EtaViewReader } from '../../ports/eta-view.store';
import type { EventStore, Subscription } from '../../ports/event-store.port';
import type { Telemetry } from '../../ports/telemetry.port';
import { DelayReactor, type ReactionTally } from '../delay/delay.reactor';
import { EtaProjection } from './eta.projection';
import type { EtaViewStore } from './eta-view.store.port';

const MAX_CATCH_UP_TICKS = 48;

export type EtaPipelineOptions = {
  store: EventStore;
  clock: Clock;
  etaStore: EtaViewStore;
  /** Clock-time between re-forecasts of every open order (0: only when tick() is called). */
  tickEveryMs?: number;
  /** Wall-time between checks whether a tick is due; defaults to min(tickEveryMs, 60 s). */
  pollEveryMs?: number;
  model?: EtaModelConfig;
  rules?: DelayRulesConfig;
  /** Where the projection reports how far deliveries landed from the date announced. */
  telemetry?: Telemetry;
};

export type EtaPipeline = {
  reader: EtaViewReader;
  /** Re-forecast all open orders at `now` (default: the clock) and apply the delay rules to them. */
  tick(now?: Date): Promise<ReactionTally>;
  /** Resolves once every event in the store has been projected and reacted to. */
  settle(): Promise<void>;
  stop(): Promise<void>;
  projection: EtaProjection;
};

/**
 * Nest-free wiring of the ETA projection and the delay reactor. Everything runs through one
 * queue, so a clock tick never interleaves with a batch: the reactor always judges the state
 * the projection has just folded, and sees its own alerts before judging again.
 */
export async function startEtaPipeline(opts: EtaPipelineOptions): Promise<EtaPipeline> {
  const { store, clock, etaStore, tickEveryMs = 0 } = opts;
  const projection = new EtaProjection(etaStore, opts.model ?? DEFAULT_ETA_CONFIG, opts.telemetry);
  const reactor = new DelayReactor(store, opts.rules ?? DEFAULT_DELAY_RULES);
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job);
    queue = run.catch(() => undefined);
    return run;
  };

  /** Projects what is in the store and reacts to the touched orders, until the reactor adds nothing. */
  const drain = async (): Promise<void> => {
    for (;;) {
      const batch = await store.readAll(await projection.checkpoint(), 1000);
      if (batch.length === 0) return;
      const touched = await projection.project(batch);
      if (touched.length) await reactor.react(projection.watched(touched), clock.now().toISOString());
    }
  };
  const tickAt = async (at: Date): Promise<ReactionTally> => {
    await drain();
    await projection.refresh(at.toISOString());
    const tally = await reactor.react(projection.watched(), at.toISOString());
    await drain();
    return tally;
  };

  await serial(drain); // rebuild the in-memory state from position 0 (documents past the checkpoint only)
  let nextTickMs = tickEveryMs > 0 ? clock.now().getTime() + tickEveryMs : Number.POSITIVE_INFINITY;
  const runDueTicks = (): Promise<unknown> =>
    serial(async () => {
      const now = clock.now().getTime();
      // A jump far ahead (an event-time clock's first event, a process suspended for days): judge
      // once at the latest due instant instead of replaying every missed tick from the past.
      if (now - nextTickMs > MAX_CATCH_UP_TICKS * tickEveryMs) nextTickMs = now - ((now - nextTickMs) % tickEveryMs);
      for (; nextTickMs <= now; nextTickMs += tickEveryMs) await tickAt(new Date(nextTickMs));
    });
  const subscription: Subscription = store.subscribeToAll(await projection.checkpoint(), async () => {
    await serial(drain);
    await runDueTicks();
  });
  const timer = tickEveryMs > 0 ? setInterval(() => void runDueTicks(), opts.pollEveryMs ?? Math.min(tickEveryMs, 60_000)) : undefined;
  timer?.unref();

  return {
    reader: etaStore,
    projection,
    tick: (now = clock.now()) => serial(() => tickAt(now)),
    settle: () => serial(drain),
    stop: async () => {
      if (timer) clearInterval(timer);
      await subscription.stop();
      await queue;
    },
  };
}
