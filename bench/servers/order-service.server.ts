import { join } from 'node:path';
import { exitWithParent, signalReady } from '../lib/child';

type Listening = { listen(port: number, host: string): Promise<unknown>; close(): Promise<void>; getHttpServer(): { address(): unknown } };
type BuildApp = (env: NodeJS.ProcessEnv) => Promise<Listening>;

/**
 * The real order service (apps/order-service `buildApp`) in its own process, configured by the
 * parent through the environment (EVENT_STORE, SQLITE_PATH, READ_MODEL_PATH, secrets, LOG_LEVEL).
 * Loaded at run time from the compiled tree so the bench builds before the app exists.
 */
async function main(): Promise<void> {
  const bootstrap = join(__dirname, '..', '..', 'apps', 'order-service', 'src', 'bootstrap');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildApp } = require(bootstrap) as { buildApp: BuildApp };
  const app = await buildApp(process.env);
  const host = process.env.HOST ?? '127.0.0.1';
  await app.listen(Number(process.env.PORT ?? 0), host);
  const address = app.getHttpServer().address() as { port: number };
  exitWithParent(() => app.close());
  signalReady({ port: address.port });
}

main().catch((error) => {
  console.error('order-service child failed to start', error);
  process.exit(1);
});
