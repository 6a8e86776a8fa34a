import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { signedHeaders } from '@ot/partners';
import { sign } from 'jsonwebtoken';
import { buildApp } from '../../../apps/order-service/src/bootstrap';
import { DEV_SECRETS } from '@ot/config';

/** Set for both apps: until the notifier shares the service's configuration, its JWT default differs (issue 15). */
export const JWT_SECRET = 'ops-test-jwt-secret-0123';

/**
 * The service on its default configuration (published webhook secrets, embedded notifier, ETA on), with
 * the in-memory store and every JSON log line kept, so a test can follow what an operator would see.
 */
export async function startOpsApp(env: Record<string, string> = {}): Promise<OpsApp> {
  const dir = mkdtempSync(join(tmpdir(), 'ot-ops-'));
  const lines: string[] = [];
  const app = await buildApp(
    { EVENT_STORE: 'memory', JWT_SECRET, NOTIFIER_OUTBOX_DIR: join(dir, 'outbox'), NOTIFIER_DISPATCH_INTERVAL_MS: '20', ...env },
    { logDestination: { write: (line: string) => void lines.push(line) } },
  );
  return new OpsApp(app, dir, lines);
}

export class OpsApp {
  constructor(
    readonly app: NestFastifyApplication,
    private readonly dir: string,
    readonly logLines: string[],
  ) {}

  /** The README's post_webhook: signs the exact bytes with the partner's published dev secret. */
  webhook(partner: 'warehouse' | 'courier' | 'pickup-point', raw: string, headers: Record<string, string> = {}) {
    const secret = {
      warehouse: DEV_SECRETS.WEBHOOK_SECRET_WAREHOUSE,
      courier: DEV_SECRETS.WEBHOOK_SECRET_COURIER,
      'pickup-point': DEV_SECRETS.WEBHOOK_SECRET_PICKUP_POINT,
    }[partner];
    return this.app.inject({ method: 'POST', url: `/webhooks/${partner}`, payload: raw, headers: { ...signedHeaders(secret, raw), ...headers } });
  }

  get(url: string, headers: Record<string, string> = {}) {
    return this.app.inject({ method: 'GET', url, headers });
  }

  /** The notifier's HTTP API: a module of this app, on the same port. */
  get notifier(): NestFastifyApplication {
    return this.app;
  }

  logs(): Record<string, unknown>[] {
    return this.logLines
      .flatMap((l) => l.split('\n'))
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  async close(): Promise<void> {
    await this.app.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export const devToken = (sub: string, role: 'customer' | 'ops' = 'customer'): string => sign({ sub, role }, JWT_SECRET, { algorithm: 'HS256', expiresIn: 600 });

/** The README's own `post_webhook <partner> <secret> '<json>'` lines, with $ORDER filled in. */
export function readmeWebhooks(orderId: string): { partner: 'warehouse' | 'courier'; secret: string; raw: string }[] {
  const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
  return [...readme.matchAll(/^post_webhook (\S+) (\S+) '(.*)'$/gm)].map(([, partner, secret, body]) => ({
    partner: partner as 'warehouse' | 'courier',
    secret,
    raw: body.replaceAll("'$ORDER'", orderId),
  }));
}
