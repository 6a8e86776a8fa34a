import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { ServiceConfig } from '@ot/config';
import { HttpAccessModule, ProblemDetailsFilter } from '@ot/http';
import { NotifierModule } from '@ot/notifier';
import { ObservabilityModule } from '@ot/observability';
import { CUSTOMER_ACTION_CONTROLLERS, customerActionProviders } from './actions/customer-actions.parts';
import { AFTERCARE_CONTROLLERS, AFTERCARE_PROVIDERS } from './aftercare/aftercare.parts';
import { AppLifecycle } from './app.lifecycle';
import { adapterProviders, type SharedRuntime, sharedRuntime } from './app.providers';
import { rateLimitProviders } from './http/rate-limit/rate-limit.providers';
import { OpsProbes } from './ops/ops.probes';
import { CUSTOMER_PAGE_CONTROLLERS } from './customer-page/customer-page.parts';
import { OPS_CONSOLE_CONTROLLERS, OPS_CONSOLE_PROVIDERS } from './ops-console/ops-console.parts';
import { NotificationsRunner } from './outbound/notifications.runner';
import { OrderOwner } from './orders/order-owner';
import { RecordPartnerEventHandler } from './orders/record-partner-event.handler';
import { EtaPipelineRunner } from './status/eta-pipeline.runner';
import { OrderStatusRoute } from './status/order-status.route';
import { StatusProjectionRunner } from './status/status-projection.runner';
import { StatusResponseCache } from './status/status-response.cache';
import { PartnerEventRecorder } from './webhooks/partner-event.recorder';
import { PartnerWebhookRawRoute } from './webhooks/partner-webhook.raw-route';
import { WebhookSignatureGuard } from './webhooks/webhook-signature.guard';
import { WebhooksController } from './webhooks/webhooks.controller';

/**
 * The whole service on one port, built from validated config: adapterProviders picks the
 * adapters; with RUN_NOTIFIER=true the notifier is a module of this app, on the same Clock and
 * in-process bus as the projections and the relay. GET /orders/:id is in status/status.routes.ts.
 */
@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    const runtime = sharedRuntime(config);
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot(), ObservabilityModule.forRoot(), HttpAccessModule.forRoot(config.JWT_SECRET), ...embeddedNotifier(config, runtime)],
      controllers: [WebhooksController, ...CUSTOMER_PAGE_CONTROLLERS, ...OPS_CONSOLE_CONTROLLERS, ...CUSTOMER_ACTION_CONTROLLERS, ...AFTERCARE_CONTROLLERS],
      providers: [
        ...adapterProviders(config, runtime),
        ...rateLimitProviders(config),
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        RecordPartnerEventHandler,
        OrderOwner,
        WebhookSignatureGuard,
        PartnerEventRecorder,
        PartnerWebhookRawRoute,
        OrderStatusRoute,
        StatusResponseCache,
        StatusProjectionRunner,
        EtaPipelineRunner,
        NotificationsRunner,
        AppLifecycle,
        OpsProbes,
        ...OPS_CONSOLE_PROVIDERS,
        ...customerActionProviders(config),
        ...AFTERCARE_PROVIDERS,
      ],
    };
  }
}

/**
 * Nest boots imported modules first, so the notifier has joined the in-process bus's group before
 * the relay publishes. An in-memory log gets in-memory notifier state, as it gets in-memory views.
 */
function embeddedNotifier(config: ServiceConfig, { clock, bus }: SharedRuntime): DynamicModule[] {
  if (config.RUN_NOTIFIER !== 'true') return [];
  const notifierConfig = config.EVENT_STORE === 'memory' ? { ...config, NOTIFIER_DB_PATH: ':memory:' } : config;
  return [NotifierModule.forRoot(notifierConfig, { clock, ...(config.BUS === 'in-process' && bus ? { bus } : {}) })];
}
