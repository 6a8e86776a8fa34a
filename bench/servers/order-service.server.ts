import { buildApp } from '../../apps/order-service/src/bootstrap';
import { exitWithParent, signalReady } from '../lib/child';
import { answerProfileRequests } from '../lib/window-profiler';

/**
 * The real order service (apps/order-service `buildApp`) in its own process, configured by the
 * parent through the environment (EVENT_STORE, SQLITE_PATH, READ_MODEL_PATH, secrets, LOG_LEVEL).
 * SIGTERM closes the app, which flushes and closes its stores (and writes a --cpu-prof profile).
 */
async function main(): Promise<void> {
  const app = await buildApp(process.env);
  await app.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  exitWithParent(() => app.close());
  answerProfileRequests();
  signalReady({ port: address.port });
}

main().catch((error) => {
  console.error('order-service child failed to start', error);
  process.exit(1);
});
