import { Logger } from '@nestjs/common';
import { applyServiceV8Flags, refuseArguments, type ServiceConfig } from '@ot/config';
import { APP_CONFIG } from './app.tokens';
import { buildApp } from './bootstrap';

const USAGE = [
  'usage: npm start',
  '  the embedded service on one port (PORT, default 3000); every setting is an environment variable, listed in the README',
].join('\n');

/** `npm start`: the embedded service on one port. SIGINT/SIGTERM close the app, which flushes and closes the stores. */
async function main(): Promise<void> {
  refuseArguments(USAGE); // configured by the environment only: an argument (--help) is a question, never a start
  applyServiceV8Flags();
  const app = await buildApp(process.env);
  app.enableShutdownHooks();
  const { PORT, HOST } = app.get<ServiceConfig>(APP_CONFIG);
  await app.listen(PORT, HOST);
  new Logger('OrderService').log(`listening on http://${HOST}:${PORT}`);
}

main().catch((error: unknown) => {
  // ConfigError's message already lists every bad variable; print it without a stack.
  process.stderr.write(`${error instanceof Error && error.name === 'ConfigError' ? error.message : String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
