import { join } from 'node:path';
import { BENCH_SECRETS } from '../fixtures/webhooks';

/**
 * The environment the bench gives every order-service child: embedded SQLite, quiet logs, bench
 * secrets, and every file the service (and its embedded notifier) writes inside `dir`, never ./data.
 */
export function serviceEnv(dir: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    EVENT_STORE: 'sqlite',
    LOG_LEVEL: 'warn',
    SQLITE_PATH: join(dir, 'events.db'),
    READ_MODEL_PATH: join(dir, 'read-model.db'),
    RELAY_CHECKPOINT_PATH: join(dir, 'relay.db'),
    ETA_READ_MODEL_PATH: join(dir, 'eta-read-model.db'),
    NOTIFIER_DB_PATH: join(dir, 'notifier.db'),
    NOTIFIER_OUTBOX_DIR: join(dir, 'outbox'),
    PARTNER_OUTBOX_DB_PATH: join(dir, 'partner-outbox.db'),
    ...BENCH_SECRETS,
    ...overrides,
  };
}
