import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, Optional } from '@nestjs/common';
import { type Clock, type EtaPipeline, type EtaViewStore, type EventStore, startEtaPipeline } from '@ot/application';
import { OpsMetrics } from '@ot/observability';
import { AFTERCARE_POLICY, APP_CONFIG, CLOCK, ETA_VIEW_STORE, EVENT_STORE } from '../app.tokens';
import type { AftercarePolicy, ServiceConfig } from '@ot/config';

/**
 * Runs the ETA projection and the delay reactor for the life of the app. At start the learner is
 * rebuilt from the whole log (see docs/ETA.md), then it follows new events and re-forecasts every
 * open order each ETA_TICK_MS of clock time, appending DelayPredicted/PromiseBroken/... as it goes.
 */
@Injectable()
export class EtaPipelineRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private pipeline?: EtaPipeline;

  constructor(
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ETA_VIEW_STORE) private readonly etaStore: EtaViewStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(AFTERCARE_POLICY) private readonly policy: AftercarePolicy,
    @Optional() private readonly metrics?: OpsMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.RUN_ETA !== 'true') return;
    const started = Date.now();
    this.pipeline = await startEtaPipeline({
      store: this.store,
      clock: this.clock,
      etaStore: this.etaStore,
      tickEveryMs: this.config.ETA_TICK_MS,
      compensation: this.policy.compensation,
      telemetry: this.metrics,
    });
    new Logger('EtaPipeline').log(`ETA learner rebuilt from the log in ${Date.now() - started} ms`);
  }

  /** Waits until every stored event has been projected and reacted to (tests, replay). */
  settle(): Promise<void> {
    return this.pipeline?.settle() ?? Promise.resolve();
  }

  /** settle(), then the ticks due before `instant`: see EventTimeGate. */
  advanceTo(instant: Date): Promise<void> {
    return this.pipeline?.advanceTo(instant) ?? Promise.resolve();
  }

  async onModuleDestroy(): Promise<void> {
    await this.pipeline?.stop();
  }
}
