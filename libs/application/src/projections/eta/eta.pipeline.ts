import {
  type CompensationPolicy,
  DEFAULT_DELAY_RULES,
  DEFAULT_ETA_CONFIG,
  type DelayRulesConfig,
  deliveryCommands,
  type EtaModelConfig,
  type ModelTime,
  instantOf,
} from '@ot/domain';
import { type Clock, EventTimeClock } from '../../ports/clock.port';
import type { EtaViewReader } from '../../ports/eta-view.store';
import type { EventStore, RecordedEvent, Subscription } from '../../ports/event-store.port';
import type { Telemetry } from '../../ports/telemetry.port';
import { anchorAt } from '../checkpoint-anchor';
import { AftercareReactor } from '../aftercare/aftercare.reactor';
import { DelayReactor, type ReactionTally } from '../delay/delay.reactor';
import { type Delivery, EtaProjection } from './eta.projection';
import type { EtaViewStore } from './eta-view.store.port';

export type EtaPipelineOptions = {
  store: EventStore;
  clock: Clock;
  etaStore: EtaViewStore;
  /** Clock-time between re-forecasts of every open order (0: only when tick() is called). */
  tickEveryMs?: number;
  /** Wall-time between checks whether a tick is due; defaults to min(tickEveryMs, 60 s). */
  pollEveryMs?: number;
  model?: EtaModelConfig;
  /** Business days from the destination country's holiday calendar, or calendar days (the default). */
  modelTime?: ModelTime;
  rules?: DelayRulesConfig;
  /** Events read per store call while catching up. */
  readBatch?: number;
  /** Compensation tiers: with them, the aftercare reactor (compensation, storage expiry) runs on the same ticks. */
  compensation?: CompensationPolicy;
  /** Where the projection reports how far deliveries landed from the date announced. */
  telemetry?: Telemetry;
  /** The orders this worker forecasts and judges; it still learns from every event (docs/SCALING.md). */
  owns?: (orderId: string) => boolean;
  /** Save the projection's memory beside the documents after this many events folded (and on stop). */
  stateEveryEvents?: number;
};

export type EtaPipeline = {
  reader: EtaViewReader;
  /** Re-forecast all open orders at `now` (default: the clock; never before what was processed) and apply the delay rules. */
  tick(now?: Date): Promise<ReactionTally>;
  /** Resolves once every event in the store has been projected and reacted to. */
  settle(): Promise<void>;
  /**
   * settle(), then the ticks due strictly before `instant` and their consequences: called before the
   * clock moves to `instant`, so everything concluded earlier is in the log before the event at `instant`.
   */
  advanceTo(instant: Date): Promise<void>;
  stop(): Promise<void>;
  projection: EtaProjection;
};

/**
 * Nest-free wiring of the ETA projection and the delay reactor. Everything runs through one
 * queue, so a clock tick never interleaves with a batch: the reactor always judges the state
 * the projection has just folded.
 *
 * Time is the log's, so a replay gives the same facts however its events were batched and
 * whenever the poll timer fired: ticks fall on multiples of tickEveryMs; the tick for boundary T
 * runs before the first event later than T is projected, once however many boundaries were
 * missed, at max(T, the latest instant already processed); each order is judged at the instant
 * of the event that touched it, and a batch is cut where an order comes back, so it is judged
 * after each of its events as if they had come one at a time.
 */
export async function startEtaPipeline(opts: EtaPipelineOptions): Promise<EtaPipeline> {
  const { store, clock, etaStore, tickEveryMs = 0, readBatch = 1000, stateEveryEvents = 100_000 } = opts;
  const projection = new EtaProjection(etaStore, opts.model ?? DEFAULT_ETA_CONFIG, opts.telemetry, opts.owns, opts.modelTime);
  // resume from the saved memory (never ahead of the documents) instead of folding the whole log,
  // and only when it was taken from this log: a state file beside another log (a copied or shared
  // data directory) would skip this log's events, so it is ignored and the learner rebuilt
  const saved = await etaStore.loadState();
  const usable =
    saved &&
    saved.position <= (await etaStore.checkpoint()) &&
    saved.state.anchor === (await anchorAt(store, saved.position)) &&
    projection.canRestore(saved.state);
  if (usable) projection.restore(saved.state);
  let savedAt = usable ? saved.position : 0;
  const saveState = async (force: boolean): Promise<void> => {
    const position = await projection.checkpoint();
    if (position === savedAt || (!force && position - savedAt < stateEveryEvents)) return;
    await etaStore.saveState({ ...projection.snapshot(), anchor: await anchorAt(store, position) }, position);
    savedAt = position;
  };
  const reactor = new DelayReactor(store, opts.rules ?? DEFAULT_DELAY_RULES, (id, version, events) => projection.absorb(id, version, events));
  const aftercare = opts.compensation ? new AftercareReactor(store, opts.compensation) : undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job);
    queue = run.catch(() => undefined);
    return run;
  };

  let nextTickMs = Number.POSITIVE_INFINITY;
  /** The last tick boundary strictly before `limitMs` not yet run, if any; later boundaries stay due. */
  const takeDueBefore = (limitMs: number): number | undefined => {
    if (nextTickMs >= limitMs) return undefined;
    const last = nextTickMs + Math.floor((limitMs - 1 - nextTickMs) / tickEveryMs) * tickEveryMs;
    nextTickMs = last + tickEveryMs;
    return last;
  };
  const tickAt = async (atMs: number): Promise<ReactionTally> => {
    const at = await projection.refresh(new Date(atMs).toISOString()); // no earlier than what was processed
    const tally = await reactor.react(projection.watching(), at);
    await aftercare?.react(Date.parse(at));
    return tally;
  };
  let judging = false; // off while the memory is rebuilt at start: history was judged when it happened
  // On a wall clock the present is the clock's, whatever the events say; on an event-time clock it is the log's.
  const wallNow = (): Date | undefined => (clock instanceof EventTimeClock ? undefined : clock.now());
  /** Late deliveries met while rebuilding whose broken promise the log does not hold (yet): judged once rebuilt. */
  const unrecorded = new Map<string, Delivery>();
  const projectAndReact = async (events: readonly RecordedEvent[]): Promise<void> => {
    if (events.length === 0) return;
    const touched = await projection.project(events, wallNow());
    const deliveries = projection.takeDeliveries();
    aftercare?.observe(events);
    if (!judging) {
      // a part never holds an order twice, so a delivery and the PromiseBroken judged after it are in different parts
      for (const d of deliveries) if (deliveryCommands(d.watch, d.deliveredAt, opts.rules).length) unrecorded.set(d.watch.orderId, d);
      for (const e of events) if (e.type === 'PromiseBroken') unrecorded.delete(e.data.orderId);
      return;
    }
    if (touched.length) await reactor.react(projection.watched(touched));
    await reactor.delivered(deliveries);
    await aftercare?.react(Math.min(projection.processedAt(), clock.now().getTime())); // a future-dated scan must not expire anyone's storage
  };

  /**
   * Projects what is in the store, with due ticks in their place, until the reactor adds nothing; with
   * `upTo`, until that position is projected (the reactor's appends come back through the subscription).
   */
  const drain = async (upTo = Number.POSITIVE_INFINITY): Promise<void> => {
    for (;;) {
      const position = await projection.checkpoint();
      const batch = position < upTo ? await store.readAll(position, readBatch) : [];
      if (batch.length === 0) return saveState(false);
      let from = 0;
      const inPart = new Set<string>();
      for (const [i, e] of batch.entries()) {
        // the clock bounds ticks, so an event dated in the future cannot run them ahead of time
        const due = takeDueBefore(Math.min(Date.parse(instantOf(e)), clock.now().getTime()));
        if (due === undefined && !inPart.has(e.data.orderId)) {
          inPart.add(e.data.orderId);
          continue;
        }
        await projectAndReact(batch.slice(from, i));
        if (due !== undefined) await tickAt(due);
        from = i;
        inPart.clear();
        inPart.add(e.data.orderId);
      }
      await projectAndReact(batch.slice(from));
    }
  };

  // Rebuild the in-memory state from position 0 (documents past the checkpoint only) without judging
  // history again (the log holds what was concluded then), then judge every open order once, now:
  // a restart is a pause, and a verdict lost to a crash (or never made by an older version) is made there.
  await serial(drain);
  judging = true;
  await serial(async () => {
    await reactor.delivered([...unrecorded.values()]);
    unrecorded.clear();
    await tickAt(clock.now().getTime());
    await drain();
  });
  if (tickEveryMs > 0) nextTickMs = (Math.floor(clock.now().getTime() / tickEveryMs) + 1) * tickEveryMs;
  /**
   * Drains (to `upTo`), then runs the tick due strictly before `limitMs` (once however many were missed)
   * and drains again. A tick comes after everything stored, as without `upTo`.
   */
  const runTicksBefore = (limitMs: number, upTo?: number): Promise<void> =>
    serial(async () => {
      await drain(upTo);
      if (nextTickMs >= limitMs) return; // no tick due
      if (upTo !== undefined) await drain();
      const due = takeDueBefore(limitMs);
      if (due === undefined) return;
      await tickAt(due);
      await drain(upTo);
    });
  const runDueTicks = (upTo?: number): Promise<void> => runTicksBefore(clock.now().getTime(), upTo);
  // A wake drains to the page the subscription handed over, not on to a read that finds nothing: every
  // later event (the reactor's own, another process's) reaches the subscription and wakes the drain again.
  const subscription: Subscription = store.subscribeToAll(await projection.checkpoint(), async (events) => {
    await runDueTicks(events.at(-1)?.globalPosition);
  });
  const timer = tickEveryMs > 0 ? setInterval(() => void runDueTicks(), opts.pollEveryMs ?? Math.min(tickEveryMs, 60_000)) : undefined;
  timer?.unref();

  return {
    reader: etaStore,
    projection,
    tick: (now = clock.now()) =>
      serial(async () => {
        await drain();
        const tally = await tickAt(now.getTime());
        await drain();
        return tally;
      }),
    settle: () => serial(drain),
    advanceTo: (instant) => runTicksBefore(instant.getTime()),
    stop: async () => {
      if (timer) clearInterval(timer);
      await subscription.stop();
      await queue;
      await saveState(true);
    },
  };
}
