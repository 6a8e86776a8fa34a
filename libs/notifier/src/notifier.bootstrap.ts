import 'reflect-metadata';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { logLevelsUpTo, type ServiceConfig } from '@ot/config';
import { HttpAccessModule, ProblemDetailsFilter } from '@ot/http';
import { createRootLogger, ObservabilityModule, PinoNestLogger, pinoLevelOf, registerRequestLogHooks, requestIdOf } from '@ot/observability';
import type { NotifierOverrides } from './notifier.deps';
import { NotifierModule } from './notifier.module';
import { NotifierProbes } from './notifier.probes';

/** The notifier on its own: the same module the order-service embeds, with what a process's routes share. */
@Module({})
class StandaloneNotifierModule {
  static forRoot(config: ServiceConfig, overrides: NotifierOverrides): DynamicModule {
    return {
      module: StandaloneNotifierModule,
      imports: [CqrsModule.forRoot(), ObservabilityModule.forRoot(), HttpAccessModule.forRoot(config.JWT_SECRET), NotifierModule.forRoot(config, overrides)],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }, NotifierProbes],
    };
  }
}

/**
 * Builds the standalone notifier (`npm run start:notifier`; tests), initialised: it has joined
 * its consumer group and the dispatcher runs; call listen() to serve HTTP, or drive it with
 * inject(). app.close() leaves the group and stops. configWarnings: what loadConfig warned, logged as JSON.
 */
export async function buildNotifier(
  config: ServiceConfig,
  overrides: NotifierOverrides = {},
  configWarnings: readonly string[] = [],
): Promise<NestFastifyApplication> {
  // On its own it logs JSON lines with request ids, as the order-service does; the configuration's warnings too.
  const logger = createRootLogger({ service: 'notifier', level: pinoLevelOf(logLevelsUpTo(config.LOG_LEVEL)) });
  configWarnings.forEach((message) => logger.warn({ context: 'Config' }, message));
  const adapter = new FastifyAdapter({ genReqId: requestIdOf });
  registerRequestLogHooks(adapter.getInstance(), logger);
  const app = await NestFactory.create<NestFastifyApplication>(StandaloneNotifierModule.forRoot(config, overrides), adapter, {
    logger: new PinoNestLogger(logger),
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
