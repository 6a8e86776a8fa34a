import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createRootLogger, OpsMetrics, PinoNestLogger, pinoLevelOf, recordRoutes, registerRequestLogHooks, requestIdOf, serveOpenApi } from '@ot/observability';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { loadConfig, logLevelsUpTo } from './config/load-config';
import { limitBatchBodies, registerJsonBodyParser } from './http/json-body.parser';
import { orderServiceOpenApi } from './ops/order-service.openapi';
import { countWebhooks } from './ops/webhook-outcome.observer';

/**
 * Builds the whole service from an environment, initialised and ready to `listen` or to be
 * driven in-process with `app.inject` (tests, the replay tool, benchmarks). Throws ConfigError
 * listing every bad variable before anything is opened. Logs are JSON lines on stdout, or on
 * `logDestination` (tests read them there).
 */
export async function buildApp(env: NodeJS.ProcessEnv = process.env, logDestination?: DestinationStream): Promise<NestFastifyApplication> {
  const warnings: string[] = [];
  const config = loadConfig(env, { warn: (message: string) => warnings.push(message) });
  const logger = createRootLogger({ service: 'order-service', level: pinoLevelOf(logLevelsUpTo(config.LOG_LEVEL)), destination: logDestination });
  warnings.forEach((message) => logger.warn({ context: 'Config' }, message));
  const adapter = new FastifyAdapter({ bodyLimit: config.BODY_LIMIT_BYTES, genReqId: requestIdOf });
  recordRoutes(adapter.getInstance());
  registerJsonBodyParser(adapter.getInstance());
  limitBatchBodies(adapter.getInstance(), config.BATCH_BODY_LIMIT_BYTES);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, env), adapter, {
    bodyParser: false, // ours keeps the raw bytes for the signature check
    logger: new PinoNestLogger(logger),
  });
  registerRequestLogHooks(adapter.getInstance(), logger, countWebhooks(app.get(OpsMetrics)));
  serveOpenApi(app, orderServiceOpenApi);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
