import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
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
  const app = await NestFactory.create<NestFastifyApplication>(NotifierModule.forRoot(config, deps), new FastifyAdapter(), {
    logger: env.NODE_ENV === 'test' ? ['error'] : ['log', 'warn', 'error'],
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
