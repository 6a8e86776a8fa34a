import { type DynamicModule, Module } from '@nestjs/common';
import type { ServiceConfig } from '@ot/config';
import { OpsMetrics } from '@ot/observability';
import { NotifierRunner } from './inbox/notifier.runner';
import { createNotifierDeps, type NotifierOverrides } from './notifier.deps';
import { NOTIFIER_CONFIG, NOTIFIER_DEPS } from './notifier.tokens';
import { DeadLettersHandler } from './ops/dead-letters.query';
import { NotificationLogHandler } from './ops/notification-log.query';
import { OpsController } from './ops/ops.controller';
import { CustomerPreferencesHandler } from './preferences/customer-preferences.query';
import { PreferencesController } from './preferences/preferences.controller';

/**
 * The notifier: consumer, dispatcher, and its HTTP routes (preferences, notification log, dead
 * letters). Imported by the order-service AppModule when RUN_NOTIFIER=true, and booted alone by
 * buildNotifier. Expects from its host what every route of a process shares: CqrsModule.forRoot(),
 * HttpAccessModule (the bearer verifier) and the problem+json filter.
 */
@Module({})
export class NotifierModule {
  static forRoot(config: ServiceConfig, overrides: NotifierOverrides = {}): DynamicModule {
    return {
      module: NotifierModule,
      controllers: [PreferencesController, OpsController],
      providers: [
        { provide: NOTIFIER_CONFIG, useValue: config },
        // The host's metrics, when it has ObservabilityModule, count the dispatcher's attempts and ticks.
        {
          provide: NOTIFIER_DEPS,
          useFactory: (metrics?: OpsMetrics) => createNotifierDeps(config, { ...(metrics ? { telemetry: metrics } : {}), ...overrides }),
          inject: [{ token: OpsMetrics, optional: true }],
        },
        NotifierRunner,
        NotificationLogHandler,
        DeadLettersHandler,
        CustomerPreferencesHandler,
      ],
      exports: [NOTIFIER_DEPS, NOTIFIER_CONFIG], // the host's ops console re-drives dead letters through the same store; its probes read the config
    };
  }
}
