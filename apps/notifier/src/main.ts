import { Logger } from '@nestjs/common';
import { applyServiceV8Flags, loadConfig, refuseArguments } from '@ot/config';
import { buildNotifier } from '@ot/notifier';

/**
 * `npm run start:notifier`: the notifier module on its own, consuming order events from Kafka
 * (BUS defaults to kafka here) and serving its routes on NOTIFIER_PORT.
 */
const USAGE = [
  'usage: npm run start:notifier',
  '  the notifier on its own (NOTIFIER_PORT, default 3001), consuming from Kafka (KAFKA_BROKERS); every setting is an environment variable, listed in the README',
].join('\n');

async function main(): Promise<void> {
  refuseArguments(USAGE); // configured by the environment only: an argument (--help) is a question, never a start
  applyServiceV8Flags();
  const warnings: string[] = []; // logged once the JSON logger exists
  const config = loadConfig(process.env, { defaults: { BUS: 'kafka' }, warn: (message) => warnings.push(message) });
  const app = await buildNotifier(config, {}, warnings);
  app.enableShutdownHooks();
  await app.listen(config.NOTIFIER_PORT, config.HOST);
  new Logger('Notifier').log(`listening on http://${config.HOST}:${config.NOTIFIER_PORT}`);
}

main().catch((error: unknown) => {
  if (error instanceof Error && error.name === 'ConfigError') process.stderr.write(`${error.message}\n`);
  // A dependency down at start (Kafka, PostgreSQL): one line in the process's log format (JSON once Nest has its logger)
  else
    new Logger('Notifier').error(
      `notifier could not start: ${error instanceof Error ? error.message : String(error)}`,
      error instanceof Error ? error.stack : undefined,
    );
  process.exit(1);
});
