import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type Environment, loadConfig, type LoadOptions, logLevelsUpTo } from '@ot/config';
import { createRootLogger, OpsMetrics, PinoNestLogger, pinoLevelOf, recordRoutes, registerRequestLogHooks, serveOpenApi } from '@ot/observability';
import type { RouteOptions } from 'fastify';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { limitBatchBodies, registerJsonBodyParser } from './http/json-body.parser';
import { acceptOnlyJson } from './http/json-only.hook';
import { routerOptions } from './http/router.options';
import { RawRoutesServer, replayHandedOverBodies } from './http/raw-routes.server';
import { registerStatusRoutes } from './status/status.routes';
import { registerWebhookRawRoute, WEBHOOKS_PREFIX } from './webhooks/partner-webhook.raw-route';
import { orderServiceOpenApi } from './ops/order-service.openapi';
import { countWebhooks } from './ops/webhook-outcome.observer';

/**
 * Builds the whole service from an environment, initialised and ready to `listen` or to be
 * driven in-process with `app.inject` (tests, the replay tool, benchmarks). Throws ConfigError
 * listing every bad variable before anything is opened. Logs are JSON lines on stdout, or on
 * `logDestination` (tests read them there); `defaults` are a worker role's presets; `routes` are added
 * on Fastify beside the status route (the bench's floor: a constant through the same instance and hooks).
 */
export type BuildOptions = { defaults?: LoadOptions['defaults']; logDestination?: DestinationStream; routes?: readonly RouteOptions[] };

export async function buildApp(env: Environment, { defaults = {}, logDestination, routes = [] }: BuildOptions = {}): Promise<NestFastifyApplication> {
  const warnings: string[] = [];
  const config = loadConfig(env, { defaults, warn: (message: string) => warnings.push(message) });
  const logger = createRootLogger({ service: 'order-service', level: pinoLevelOf(logLevelsUpTo(config.LOG_LEVEL)), destination: logDestination });
  warnings.forEach((message) => logger.warn({ context: 'Config' }, message));
  const server = new RawRoutesServer();
  const adapter = new FastifyAdapter({ bodyLimit: config.BODY_LIMIT_BYTES, genReqId: server.genReqId, serverFactory: server.serverFactory, ...routerOptions });
  recordRoutes(adapter.getInstance());
  registerJsonBodyParser(adapter.getInstance());
  limitBatchBodies(adapter.getInstance(), config.BATCH_BODY_LIMIT_BYTES);
  acceptOnlyJson(adapter.getInstance(), WEBHOOKS_PREFIX);
  replayHandedOverBodies(adapter.getInstance(), WEBHOOKS_PREFIX);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bodyParser: false, // ours keeps the raw bytes for the signature check
    logger: new PinoNestLogger(logger),
  });
  registerStatusRoutes(app, server, logger);
  registerWebhookRawRoute(app, server, logger);
  // Fastify answers 503 to requests that arrive while it closes; from then on they all go to it.
  adapter.getInstance().addHook('preClose', (done) => {
    server.stop();
    done();
  });
  for (const route of routes) adapter.getInstance().route(route);
  registerRequestLogHooks(adapter.getInstance(), logger, countWebhooks(app.get(OpsMetrics)));
  serveOpenApi(app, orderServiceOpenApi);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
