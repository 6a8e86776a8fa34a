import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { signedHeaders } from '@ot/partners';
import { sign } from 'jsonwebtoken';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../../apps/order-service/src/bootstrap';

export const SECRETS = { warehouse: 'test-warehouse-secret', courier: 'test-courier-secret', 'pickup-point': 'test-pickup-point-secret' } as const;
export const JWT_SECRET = 'test-jwt-secret-0123456789';

/** The configuration the tests share: test secrets, ETA and notifier off unless a test turns them on. */
const testEnv = (env: Record<string, string>): Record<string, string> => ({
  EVENT_STORE: 'memory',
  LOG_LEVEL: 'error',
  RUN_NOTIFIER: 'false', // the notification e2e turns it on
  RUN_ETA: 'false', // system conclusions would add events and shift the versions these tests assert; eta e2e turns it on
  WEBHOOK_SECRET_WAREHOUSE: SECRETS.warehouse,
  WEBHOOK_SECRET_COURIER: SECRETS.courier,
  WEBHOOK_SECRET_PICKUP_POINT: SECRETS['pickup-point'],
  JWT_SECRET,
  ...env,
});

/** The embedded default's SQLite files, all in `dir`: the store configuration of a test that runs on SQLite. */
export const sqliteFilesIn = (dir: string): Record<string, string> => ({
  EVENT_STORE: 'sqlite',
  SQLITE_PATH: join(dir, 'events.db'),
  READ_MODEL_PATH: join(dir, 'read-model.db'),
  ETA_READ_MODEL_PATH: join(dir, 'eta.db'),
  RELAY_CHECKPOINT_PATH: join(dir, 'relay.db'),
  PARTNER_OUTBOX_DB_PATH: join(dir, 'partner-outbox.db'),
});

/** The embedded stack in process (EVENT_STORE=memory unless overridden), driven with Fastify's inject. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  return new TestApp(await buildApp(testEnv(env)));
}

/** The embedded stack with its notifier on, its channels writing to a fresh outbox folder: what customers receive. */
export async function startNotifyingApp(env: Record<string, string> = {}): Promise<{ t: TestApp; outbox: string }> {
  const outbox = mkdtempSync(join(tmpdir(), 'outbox-'));
  return { t: await startTestApp({ RUN_NOTIFIER: 'true', NOTIFIER_OUTBOX_DIR: outbox, NOTIFIER_DISPATCH_INTERVAL_MS: '20', ...env }), outbox };
}

/** The same stack listening on a loopback port (for tests of the bytes on the socket), its log lines kept in `lines`. */
export async function startListeningApp(env: Record<string, string>, lines: string[]): Promise<NestFastifyApplication> {
  const app = await buildApp(testEnv({ LOG_LEVEL: 'log', ...env }), { logDestination: { write: (line: string) => void lines.push(line) } });
  await app.listen(0, '127.0.0.1');
  return app;
}

export type PostOptions = { secret?: string; timestampSeconds?: number; headers?: Record<string, string> };

export class TestApp {
  constructor(readonly app: NestFastifyApplication) {}

  /** Signs the exact bytes it sends, as a partner would. */
  post(path: string, body: unknown, partner: keyof typeof SECRETS, options: PostOptions = {}): Promise<LightMyRequestResponse> {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const headers = signedHeaders(options.secret ?? SECRETS[partner], raw, options.timestampSeconds);
    return this.app.inject({ method: 'POST', url: path, payload: raw, headers: { ...headers, ...options.headers } });
  }

  webhook(partner: keyof typeof SECRETS, body: unknown, options?: PostOptions): Promise<LightMyRequestResponse> {
    return this.post(`/webhooks/${partner}`, body, partner, options);
  }

  batch(partner: keyof typeof SECRETS, events: unknown[], options?: PostOptions): Promise<LightMyRequestResponse> {
    return this.post(`/webhooks/${partner}/batch`, { events }, partner, options);
  }

  /** token null sends no Authorization header. */
  getOrder(orderId: string, token: string | null = tokenFor('c1'), headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const auth = token === null ? {} : { authorization: `Bearer ${token}` };
    return this.app.inject({ method: 'GET', url: `/orders/${encodeURIComponent(orderId)}`, headers: { ...auth, ...headers } });
  }

  close(): Promise<void> {
    return this.app.close();
  }
}

export function tokenFor(sub: string, role: 'customer' | 'ops' = 'customer', options: { secret?: string; expiresIn?: number } = {}): string {
  return sign({ sub, role }, options.secret ?? JWT_SECRET, { algorithm: 'HS256', expiresIn: options.expiresIn ?? 600 });
}
