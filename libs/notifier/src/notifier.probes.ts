import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { ServiceConfig } from '@ot/config';
import { busReadiness } from '@ot/messaging';
import { dispatcherCheck, OpsMetrics, ReadinessChecks } from '@ot/observability';
import type { NotifierDeps } from './notifier.deps';
import { NOTIFIER_CONFIG, NOTIFIER_DEPS } from './notifier.tokens';

/**
 * What a notifier host's /health/ready checks (the embedded notifier's are the order-service's
 * OpsProbes): the bus it consumes from, that its dispatcher still finishes passes; and its outbox's backlog
 * on /metrics.
 */
@Injectable()
export class NotifierProbes implements OnModuleInit {
  constructor(
    @Inject(NOTIFIER_CONFIG) private readonly config: ServiceConfig,
    @Inject(NOTIFIER_DEPS) private readonly deps: NotifierDeps,
    private readonly checks: ReadinessChecks,
    private readonly metrics: OpsMetrics,
  ) {}

  onModuleInit(): void {
    this.checks.register('bus', () => busReadiness(this.config, true));
    this.checks.register('dispatcher', async () => dispatcherCheck(this.metrics.lastDispatcherTick, this.config.READY_MAX_DISPATCHER_SILENCE_MS));
    this.metrics.gauge('ot_outbox_notifications', 'Notifications waiting to be sent (pending) and dead letters (dead)', 'state', () =>
      this.deps.store.backlog(),
    );
  }
}
