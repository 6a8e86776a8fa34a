import { Logger } from '@nestjs/common';
import { APP_CONFIG } from './app.tokens';
import { NOTIFIER_CONFIG, type NotifierConfig } from '@ot/notifier';
import { buildApp } from './bootstrap';
import { NotificationsRunner } from './outbound/notifications.runner';
import type { AppConfig } from './config/app.config';

/** `npm start`: the embedded service. SIGINT/SIGTERM close the app, which flushes and closes the stores. */
async function main(): Promise<void> {
  const app = await buildApp();
  app.enableShutdownHooks();
  const { PORT, HOST } = app.get<AppConfig>(APP_CONFIG);
  await app.listen(PORT, HOST);
  new Logger('OrderService').log(`listening on http://${HOST}:${PORT}`);
  const notifier = app.get(NotificationsRunner).embeddedNotifier;
  if (notifier) {
    const port = notifier.get<NotifierConfig>(NOTIFIER_CONFIG).NOTIFIER_PORT;
    await notifier.listen(port, HOST);
    new Logger('Notifier').log(`embedded notifier API on http://${HOST}:${port}`);
  }
}

main().catch((error: unknown) => {
  // ConfigError's message already lists every bad variable; print it without a stack.
  console.error(error instanceof Error && error.name === 'ConfigError' ? error.message : error);
  process.exit(1);
});
