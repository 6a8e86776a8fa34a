import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ObservabilityModule } from '@ot/observability';
import { AppLifecycle } from './app.lifecycle';
import { adapterProviders } from './app.providers';
import { RAW_ENV } from './app.tokens';
import type { AppConfig } from './config/app.config';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { rateLimitProviders } from './http/rate-limit/rate-limit.providers';
import { OpsProbes } from './ops/ops.probes';
import { NotificationsRunner } from './outbound/notifications.runner';
import { RecordPartnerEventHandler } from './orders/record-partner-event.handler';
import { OrderStatusRoute } from './status/order-status.route';
import { EtaPipelineRunner } from './status/eta-pipeline.runner';
import { StatusProjectionRunner } from './status/status-projection.runner';
import { StatusResponseCache } from './status/status-response.cache';
import { WebhookSignatureGuard } from './webhooks/webhook-signature.guard';
import { WebhooksController } from './webhooks/webhooks.controller';

/** Built from validated config: adapterProviders picks the adapters, the rest is the same for all of them. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, env: NodeJS.ProcessEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot(), ObservabilityModule.forRoot()],
      controllers: [WebhooksController], // GET /orders/:id is OrderStatusRoute, on Fastify directly
      providers: [
        ...adapterProviders(config),
        ...rateLimitProviders(config),
        { provide: RAW_ENV, useValue: env },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        RecordPartnerEventHandler,
        WebhookSignatureGuard,
        OrderStatusRoute,
        StatusResponseCache,
        StatusProjectionRunner,
        EtaPipelineRunner,
        NotificationsRunner,
        AppLifecycle,
        OpsProbes,
      ],
    };
  }
}
