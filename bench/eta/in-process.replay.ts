import { type EtaView, EventTimeClock, handleCommand, startEtaPipeline } from '@ot/application';
import { etaModelTime } from '@ot/calendar';
import { addDays, DEFAULT_ETA_CONFIG, DomainError, epochOfLocal, type EtaModelConfig, type Instant, localDateOf, type PartnerEvent } from '@ot/domain';
import { InMemoryEventStore } from '@ot/event-store';
import { InMemoryEtaViewStore } from '@ot/read-model';
import { type OlistOrder, timeline, toPartnerEvent } from '@ot/replay';

/** What the in-process replay saw, for the metrics: forecasts as first given, and the system's conclusions. */
export type ReplayObservations = {
  atPlaced: Map<string, EtaView>;
  atHandoff: Map<string, EtaView>;
  firstAlert: Map<string, Instant>;
  systemEvents: Record<string, number>;
  rejected: Record<string, number>;
  steps: number;
  ticks: number;
  wallSeconds: number;
};

/** Parts of the model a run can turn off, to measure what each contributes (docs/ETA.md, ablations). */
export const ETA_PARTS = ['seller', 'calendar', 'promise', 'effects'] as const;
/** Parts off by default that a run can turn on (`--with`): measured no help on the Olist file (docs/ETA.md). */
export const ETA_OPT_IN_PARTS = ['handover'] as const;
export type EtaOptInPart = (typeof ETA_OPT_IN_PARTS)[number];
export type EtaPart = (typeof ETA_PARTS)[number];

export type InProcessOptions = {
  timeZone: string;
  onProgress?: (done: number, total: number, simDay: string) => void;
  /**
   * Parts turned off: `seller` drops the seller id from OrderPlaced, as a partner that does not send it;
   * `calendar` counts calendar days instead of Brazil's business days; `promise` does not read the promised day's lead;
   * `effects` does not scale forecasts by the seller's and the destination city's own effects.
   */
  without?: ReadonlySet<EtaPart>;
  /** Parts turned on: `handover` reads the seller's hand-over deadline (OrderPlaced carries it either way). */
  with?: ReadonlySet<EtaOptInPart>;
  /** Calibrate the by day and the window on this many recent deliveries per stage (off by default, as in the service). */
  calibrate?: number;
  /** Calibrate the window's levels on this many recent deliveries' PITs per stage (WindowLevels). */
  calibrateLevels?: number;
  /** The window's interval (EtaModelConfig.window); the model's default when absent. */
  window?: EtaModelConfig['window'];
  /** The joint linear model (EtaModelConfig.jointModel) and the feature groups it leaves out; the model's default when absent. */
  joint?: EtaModelConfig['jointModel'];
  jointWithout?: EtaModelConfig['jointWithout'];
  /** EtaModelConfig.jointSpread; the model's default when absent. */
  jointSpread?: boolean;
  /** EtaModelConfig.jointTrees; the model's default when absent. */
  jointTrees?: EtaModelConfig['jointTrees'];
};

/**
 * The production path without HTTP: each step goes through handleCommand as the normalised
 * partner event, the event-time clock follows it, and the ETA projection and delay reactor
 * run through the same pipeline the service wires, ticked at every local midnight in
 * simulated time. Forecasts are read from the view right after placement and hand-over.
 */
export async function replayInProcess(orders: readonly OlistOrder[], opts: InProcessOptions): Promise<ReplayObservations> {
  const store = new InMemoryEventStore();
  const steps = timeline(orders, opts.timeZone);
  const clock = new EventTimeClock(steps[0]?.at ?? 0);
  const views = new InMemoryEtaViewStore();
  const without = opts.without ?? new Set();
  const pipeline = await startEtaPipeline({
    store,
    clock,
    etaStore: views,
    model: {
      ...DEFAULT_ETA_CONFIG,
      ...(opts.calibrate !== undefined && { calibrationDeliveries: opts.calibrate }),
      ...(opts.calibrateLevels !== undefined && { windowCalibration: opts.calibrateLevels }),
      ...(opts.window !== undefined && { window: opts.window }),
      ...(without.has('promise') && { promiseLead: false }),
      ...(opts.with?.has('handover') && { handOverLead: true }),
      ...(without.has('effects') && { effects: false }),
      ...(opts.joint !== undefined && { jointModel: opts.joint }),
      ...(opts.jointWithout !== undefined && { jointWithout: opts.jointWithout }),
      ...(opts.jointSpread !== undefined && { jointSpread: opts.jointSpread }),
      ...(opts.jointTrees !== undefined && { jointTrees: opts.jointTrees }),
    },
    modelTime: etaModelTime({ days: without.has('calendar') ? 'calendar' : 'business', country: 'BR', timeZone: opts.timeZone }),
  });
  const obs: ReplayObservations = {
    atPlaced: new Map(),
    atHandoff: new Map(),
    firstAlert: new Map(),
    systemEvents: {},
    rejected: {},
    steps: 0,
    ticks: 0,
    wallSeconds: 0,
  };
  const started = Date.now();
  const nextMidnight = (ms: number): number => epochOfLocal(addDays(localDateOf(ms, opts.timeZone), 1), opts.timeZone);
  let tickAt = steps.length ? nextMidnight(steps[0].at) : Number.POSITIVE_INFINITY;
  const tickUntil = async (until: number): Promise<void> => {
    for (; tickAt <= until; tickAt = nextMidnight(tickAt)) {
      clock.observe(tickAt);
      await pipeline.tick(new Date(tickAt));
      obs.ticks++;
    }
  };
  for (const step of steps) {
    await tickUntil(step.at);
    clock.observe(step.at);
    try {
      await handleCommand(store, step.order.orderId, {
        type: 'RecordPartnerEvent',
        data: { event: withoutParts(toPartnerEvent(step, opts.timeZone), without) },
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      obs.rejected[error.code] = (obs.rejected[error.code] ?? 0) + 1; // e.g. a row delivered before its hand-over
    }
    await pipeline.settle();
    const view = step.kind === 'placed' || step.kind === 'handed' ? await views.get(step.order.orderId) : undefined;
    if (view) (step.kind === 'placed' ? obs.atPlaced : obs.atHandoff).set(step.order.orderId, view);
    obs.steps++;
    opts.onProgress?.(obs.steps, steps.length, localDateOf(step.at, opts.timeZone));
  }
  // keep the clock running past the last promise, so every open order meets its promise day
  const lastPromise = orders.reduce((max, o) => (o.promisedDate > max ? o.promisedDate : max), '0000-00-00');
  if (steps.length) await tickUntil(epochOfLocal(addDays(lastPromise, 2), opts.timeZone));
  await pipeline.stop();
  for (const e of await store.readAll(0, Number.MAX_SAFE_INTEGER)) {
    if (!('partner' in e.data)) obs.systemEvents[e.type] = (obs.systemEvents[e.type] ?? 0) + 1;
    if (e.type === 'DelayPredicted' && !obs.firstAlert.has(e.data.orderId)) obs.firstAlert.set(e.data.orderId, e.data.detectedAt);
  }
  obs.wallSeconds = (Date.now() - started) / 1000;
  return obs;
}

function withoutParts(event: PartnerEvent, without: ReadonlySet<EtaPart>): PartnerEvent {
  if (event.type !== 'OrderPlaced' || !without.has('seller')) return event;
  const { sellerId: _dropped, ...data } = event.data;
  return { ...event, data };
}
