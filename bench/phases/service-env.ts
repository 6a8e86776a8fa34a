import { BENCH_SECRETS } from '../fixtures/webhooks';

/** The environment the bench gives every order-service child: embedded SQLite, quiet logs, bench secrets. */
export function serviceEnv(overrides: Record<string, string>): Record<string, string> {
  return { PORT: '0', HOST: '127.0.0.1', EVENT_STORE: 'sqlite', LOG_LEVEL: 'warn', ...BENCH_SECRETS, ...overrides };
}
