import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, Optional } from '@nestjs/common';
import { type Clock, type EtaPipeline, type EtaViewStore, type EventStore, startEtaPipeline } from '@ot/application';
import { etaModelTime } from '@ot/calendar';
import { DEFAULT_ETA_CONFIG } from '@ot/domain';
import { KafkaPartitionOwnership, kafkaBusConfigFrom } from '@ot/messaging';
import { OpsMetrics, ReadinessChecks } from '@ot/observability';
import { AFTERCARE_POLICY, APP_CONFIG, CLOCK, ETA_VIEW_STORE, EVENT_STORE } from '../app.tokens';
import type { AftercarePolicy, ServiceConfig } from '@ot/config';

/**
 * Runs the ETA projection and the delay reactor for the life of the app. At start the learner is
 * rebuilt from the whole log (see docs/ETA.md), then it follows new events and re-forecasts every
 * open order each ETA_TICK_MS of clock time, appending DelayPredicted/PromiseBroken/... as it goes.
 * With ETA_GROUP_ID it is one of several ETA workers: it still learns from every event, and forecasts
 * and judges only the orders of the Kafka partitions its group gives it; a new assignment is
 * forecast at once (docs/SCALING.md).
 */
@Injectable()
export class EtaPipelineRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private pipeline?: EtaPipeline;
  private ownership?: KafkaPartitionOwnership;

  constructor(
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ETA_VIEW_STORE) private readonly etaStore: EtaViewStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(AFTERCARE_POLICY) private readonly policy: AftercarePolicy,
    @Optional() private readonly metrics?: OpsMetrics,
    @Optional() private readonly checks?: ReadinessChecks,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.RUN_ETA !== 'true') return;
    const started = Date.now();
    this.pipeline = await startEtaPipeline({
      store: this.store,
      clock: this.clock,
      etaStore: this.etaStore,
      tickEveryMs: this.config.ETA_TICK_MS,
      modelTime: etaModelTime({ days: this.config.ETA_DAYS, country: this.config.ETA_HOLIDAYS_COUNTRY, timeZone: DEFAULT_ETA_CONFIG.timeZone }),
      compensation: this.policy.compensation,
      telemetry: this.metrics,
      // until the group answers nothing is owned: the workers already in it keep forecasting
      ...(this.config.ETA_GROUP_ID ? { owns: (orderId: string) => this.ownership?.owns(orderId) ?? false } : {}),
    });
    new Logger('EtaPipeline').log(`ETA learner rebuilt from the log in ${Date.now() - started} ms`);
    if (this.config.ETA_GROUP_ID) await this.joinGroup(this.config.ETA_GROUP_ID);
  }

  /** Joins the ETA workers' group after the rebuild, so partitions move to a worker that can forecast them. */
  private async joinGroup(groupId: string): Promise<void> {
    const logger = new Logger('EtaPipeline');
    this.ownership = await KafkaPartitionOwnership.join(kafkaBusConfigFrom(this.config), groupId, (partitions) => {
      logger.log(`forecasting the orders of partitions [${partitions.join(',')}]`);
      void this.pipeline?.tick().catch((error: unknown) => logger.error(`forecast after a rebalance failed: ${String(error)}`));
    });
    this.checks?.register('eta-split', async () => ({ up: true, details: await this.split() }));
  }

  /** What this worker owns and what it learned from: workers at the same position have the same learner. */
  private async split(): Promise<Record<string, unknown>> {
    const projection = this.pipeline!.projection;
    return {
      partitions: this.ownership!.partitions(),
      position: await projection.checkpoint(),
      openOrders: projection.openCount(),
      forecasting: projection.ownedOpenCount(),
      learner: createHash('sha256').update(JSON.stringify(projection.learner.snapshot())).digest('hex').slice(0, 16),
    };
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
    await this.ownership?.stop();
    await this.pipeline?.stop();
  }
}
