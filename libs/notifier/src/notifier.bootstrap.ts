import 'reflect-metadata';
import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createRootLogger, PinoNestLogger, pinoLevelOf, registerRequestLogHooks, requestIdOf } from '@ot/observability';
import { loadNotifierConfig } from './config/load-notifier-config';
import { createNotifierDeps, type NotifierOverrides } from './notifier.deps';
import { NotifierModule } from './notifier.module';

/**
 * Builds the notifier, initialised: it has joined its consumer group and the dispatcher runs; call
 * listen() to serve HTTP, or drive it with inject(). The order-service runs it in-process by passing
 * its own InProcessMessageBus as `overrides.bus` (build this BEFORE starting the relay, so the
 * in-process bus knows the group and publish waits for it). app.close() leaves the group and stops.
 */
export async function buildNotifier(env: NodeJS.ProcessEnv = process.env, overrides: NotifierOverrides = {}): Promise<NestFastifyApplication> {
  const config = loadNotifierConfig(env);
  const deps = createNotifierDeps(config, env, overrides);
  const levels: LogLevel[] = env.NODE_ENV === 'test' ? ['error'] : ['log', 'warn', 'error'];
  // On its own it logs JSON lines with request ids; embedded, the host's logger is already in place.
  const logger = overrides.bus ? undefined : createRootLogger({ service: 'notifier', level: pinoLevelOf(levels) });
  const adapter = new FastifyAdapter(logger ? { genReqId: requestIdOf } : {});
  if (logger) registerRequestLogHooks(adapter.getInstance(), logger);
  const app = await NestFactory.create<NestFastifyApplication>(NotifierModule.forRoot(config, deps), adapter, {
    logger: logger ? new PinoNestLogger(logger) : levels,
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
