import { buildNotifier, NOTIFIER_CONFIG, type NotifierConfig } from '@ot/notifier';

/** Standalone notifier: consumes order events from Kafka (BUS defaults to kafka here) and serves ops HTTP. */
async function main(): Promise<void> {
  const env = { ...process.env, BUS: process.env.BUS || 'kafka' };
  const app = await buildNotifier(env);
  app.enableShutdownHooks();
  await app.listen({ port: app.get<NotifierConfig>(NOTIFIER_CONFIG).NOTIFIER_PORT, host: '0.0.0.0' });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
