import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { loadConfig, logLevelsUpTo } from './config/load-config';
import { limitBatchBodies, registerJsonBodyParser } from './http/json-body.parser';
import { acceptOnlyJson } from './http/json-only.hook';
import { routerOptions } from './http/router.options';

/**
 * Builds the whole service from an environment, initialised and ready to `listen` or to be
 * driven in-process with `app.inject` (tests, the replay tool, benchmarks). Throws ConfigError
 * listing every bad variable before anything is opened.
 */
export async function buildApp(env: NodeJS.ProcessEnv = process.env): Promise<NestFastifyApplication> {
  const config = loadConfig(env);
  const adapter = new FastifyAdapter({ bodyLimit: config.BODY_LIMIT_BYTES, ...routerOptions });
  registerJsonBodyParser(adapter.getInstance());
  limitBatchBodies(adapter.getInstance(), config.BATCH_BODY_LIMIT_BYTES);
  acceptOnlyJson(adapter.getInstance(), '/webhooks/');
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, env), adapter, {
    bodyParser: false, // ours keeps the raw bytes for the signature check
    logger: logLevelsUpTo(config.LOG_LEVEL),
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
