import { Logger } from '@nestjs/common';
import {
  applyServiceV8Flags,
  ConfigError,
  exitWithUsage,
  isWorkerRole,
  loadConfig,
  ROLE_DEFAULTS,
  type ServiceConfig,
  WORKER_ROLES,
  type WorkerRole,
} from '@ot/config';
import { buildNotifier } from '@ot/notifier';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { APP_CONFIG } from './app.tokens';
import { buildApp } from './bootstrap';

/**
 * `npm run start:worker -- <role>`: one process of the scaled shape (docs/SCALING.md). The role
 * presets the RUN_* switches (the environment still wins); every role serves its routes and
 * probes on PORT, the notifier on NOTIFIER_PORT as `npm run start:notifier` does.
 */
async function main([role, ...more]: string[]): Promise<void> {
  // --help, or no role or an unknown one, is a question: the usage, as the other commands answer it (stderr, exit 2)
  if (!isWorkerRole(role)) exitWithUsage(usage(role));
  if (more.length) exitWithUsage(`takes one role, got also: ${more.join(' ')}\n${usage(undefined)}`);
  applyServiceV8Flags();
  const { app, port, host } = await build(role);
  app.enableShutdownHooks();
  await app.listen(port, host);
  new Logger('Worker').log(`${role} listening on http://${host}:${port}`);
}

async function build(role: WorkerRole): Promise<{ app: NestFastifyApplication; port: number; host: string }> {
  if (role === 'notifier') {
    const warnings: string[] = []; // logged once the JSON logger exists
    const config = loadConfig(process.env, { defaults: ROLE_DEFAULTS.notifier, warn: (message) => warnings.push(message) });
    return { app: await buildNotifier(config, {}, warnings), port: config.NOTIFIER_PORT, host: config.HOST };
  }
  const app = await buildApp(process.env, { defaults: ROLE_DEFAULTS[role] });
  const { PORT, HOST } = app.get<ServiceConfig>(APP_CONFIG);
  return { app, port: PORT, host: HOST };
}

function usage(asked: string | undefined): string {
  const got = asked === undefined || asked === '--help' || asked === '-h' ? '' : `unknown role: ${asked}\n`;
  return `${got}usage: npm run start:worker -- <${WORKER_ROLES.join('|')}>\n  one process of the scaled shape (docs/SCALING.md)`;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  // A dependency down at start (Kafka, PostgreSQL): one line in the process's log format (JSON once Nest has its logger)
  else
    new Logger('Worker').error(
      `${process.argv[2]} could not start: ${error instanceof Error ? error.message : String(error)}`,
      error instanceof Error ? error.stack : undefined,
    );
  process.exit(1);
});
