import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type Environment, loadConfig, type LoadOptions, logLevelsUpTo } from '@ot/config';
import { AppModule } from './app.module';
import { limitBatchBodies, registerJsonBodyParser } from './http/json-body.parser';
import { acceptOnlyJson } from './http/json-only.hook';
import { routerOptions } from './http/router.options';
import { registerStatusRoutes } from './status/status.routes';

/**
 * Builds the whole service from an environment, initialised and ready to `listen` or to be
 * driven in-process with `app.inject` (tests, the replay tool, benchmarks). Throws ConfigError
 * listing every bad variable before anything is opened. `defaults` are a worker role's presets.
 */
export async function buildApp(env: Environment, defaults: LoadOptions['defaults'] = {}): Promise<NestFastifyApplication> {
  const config = loadConfig(env, { defaults, warn: (message) => new Logger('Config').warn(message) });
  const adapter = new FastifyAdapter({ bodyLimit: config.BODY_LIMIT_BYTES, ...routerOptions });
  registerJsonBodyParser(adapter.getInstance());
  limitBatchBodies(adapter.getInstance(), config.BATCH_BODY_LIMIT_BYTES);
  acceptOnlyJson(adapter.getInstance(), '/webhooks/');
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bodyParser: false, // ours keeps the raw bytes for the signature check
    logger: logLevelsUpTo(config.LOG_LEVEL),
  });
  registerStatusRoutes(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
