import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EtaViewStore, EventStore, NotificationOutbox, StatusViewStore } from '@ot/application';
import { busReadiness } from '@ot/messaging';
import { dispatcherCheck, type LogFollower, OpsMetrics, projectionLagMs, ReadinessChecks } from '@ot/observability';
import type { ServiceConfig } from '@ot/config';
import { APP_CONFIG, ETA_VIEW_STORE, EVENT_STORE, STATUS_VIEW_STORE } from '../app.tokens';
import { NotificationsRunner } from '../outbound/notifications.runner';

/**
 * What /health/ready checks and what /metrics reads at scrape time, for the parts this process runs:
 * the event store, the read models, the bus, each log follower's lag (status, ETA, relay) and, with the
 * notifier embedded, its dispatcher and outbox. Nothing here runs on the request path.
 */
@Injectable()
export class OpsProbes implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(STATUS_VIEW_STORE) private readonly statusViews: StatusViewStore,
    @Inject(ETA_VIEW_STORE) private readonly etaViews: EtaViewStore,
    private readonly notifications: NotificationsRunner,
    private readonly checks: ReadinessChecks,
    private readonly metrics: OpsMetrics,
  ) {}

  onModuleInit(): void {
    const maxLagMs = this.config.READY_MAX_PROJECTION_LAG_MS;
    this.checks.register('event-store', async () => ({
      up: true,
      details: { kind: this.config.EVENT_STORE, reachable: (await this.store.readAll(0, 1)) !== undefined },
    }));
    this.checks.register('read-models', async () => ({
      up: true,
      details: { statusCheckpoint: await this.statusViews.checkpoint(), etaCheckpoint: await this.etaViews.checkpoint() },
    }));
    this.checks.register('bus', () => busReadiness(this.config, busUsedBy(this.config)));
    this.checks.register('projections', async () => {
      const lagMs = await this.lags();
      return { up: Object.values(lagMs).every((lag) => lag <= maxLagMs), details: { lagMs, maxLagMs } };
    });
    if (this.config.RUN_NOTIFIER === 'true')
      this.checks.register('dispatcher', async () => dispatcherCheck(this.metrics.lastDispatcherTick, this.config.READY_MAX_DISPATCHER_SILENCE_MS));

    this.metrics.gauge('ot_projection_lag_seconds', 'Age of the oldest event a log follower has not processed yet', 'projection', async () =>
      Object.fromEntries(Object.entries(await this.lags()).map(([name, ms]) => [name, ms / 1000])),
    );
    this.metrics.orderGauge(() => this.statusViews.countByHealth());
    this.metrics.gauge(
      'ot_outbox_notifications',
      'Notifications waiting to be sent (pending) and dead letters (dead)',
      'state',
      async () => (await this.outbox()?.backlog()) ?? {},
    );
  }

  private lags(): Promise<Record<string, number>> {
    // Only the followers this process runs: API replicas reading a view the projectors write stay in
    // service while a projector lags (the projector's own /health/ready and metrics show it).
    const followers: LogFollower[] = [];
    if (this.config.RUN_STATUS_PROJECTION === 'true') followers.push({ name: 'status', position: () => this.statusViews.checkpoint() });
    if (this.config.RUN_ETA === 'true') followers.push({ name: 'eta', position: () => this.etaViews.checkpoint() });
    const relay = this.notifications.relayPosition(); // undefined when no relay runs here
    if (relay) followers.push({ name: 'relay', position: () => relay });
    return projectionLagMs(this.store, followers, Date.now());
  }

  private outbox(): NotificationOutbox | undefined {
    return this.notifications.outbox();
  }
}

/** Kafka carries the relay's publishing, the embedded notifier's consuming and the ETA group's partitions. */
function busUsedBy(config: ServiceConfig): boolean {
  return config.RUN_RELAY === 'true' || config.RUN_NOTIFIER === 'true' || (config.RUN_ETA === 'true' && Boolean(config.ETA_GROUP_ID));
}
