import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signedHeaders } from '@ot/partners';
import { eventually, privateDataEnv } from '@ot/testing';
import { JWT_SECRET, SECRETS, tokenFor } from '../e2e/support/test-app';
import { orderPlaced } from '../e2e/support/payloads';
import { freePort, spawnTs, waitForHttp } from './support/child-process.support';

/**
 * `npm start`'s entry as a process on the embedded default: SIGTERM stops the followers, then closes
 * every SQLite file it opened, and the process ends as a clean SIGTERM does, nothing logged as an error.
 * (Found by session 18's thread19: the relay's checkpoint file was never closed.)
 */
describe('SIGTERM on the embedded default', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'ot-sigterm-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('closes every SQLite file, then exits', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const child = spawnTs('apps/order-service/src/main.ts', {
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'log',
      ...privateDataEnv(dir),
      JWT_SECRET,
      WEBHOOK_SECRET_WAREHOUSE: SECRETS.warehouse,
      WEBHOOK_SECRET_COURIER: SECRETS.courier,
      WEBHOOK_SECRET_PICKUP_POINT: SECRETS['pickup-point'],
    });
    try {
      await waitForHttp(child, `${base}/health/live`, 60_000);
      for (let i = 0; i < 10; i++) {
        const promisedDate = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
        const body = JSON.stringify({ ...orderPlaced(`sigterm-${i}`, 'c1', new Date().toISOString()), promisedDate });
        const headers = { 'content-type': 'application/json', ...signedHeaders(SECRETS.warehouse, body) };
        expect((await fetch(`${base}/webhooks/warehouse`, { method: 'POST', body, headers })).status).toBe(202);
      }
      const ops = { authorization: `Bearer ${tokenFor('ops-1', 'ops')}` };
      await eventually(
        async () => expect(((await (await fetch(`${base}/orders/sigterm-9`, { headers: ops })).json()) as { eta: unknown }).eta).not.toBeNull(),
        {
          timeoutMs: 20_000,
        },
      );
      child.proc.kill('SIGTERM');
      // Nest's shutdown hooks close the app, then raise the signal again: the exit a clean SIGTERM gives
      expect(await Promise.race([child.exited, new Promise((r) => setTimeout(() => r('still running after 15 s'), 15_000))])).toBe('SIGTERM');
    } finally {
      if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGKILL');
    }
    const lines = child
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: string });
    expect(lines.filter((l) => l.level === 'error' || l.level === 'fatal')).toEqual([]);
    // SQLite removes a file's WAL when its last connection closes cleanly
    const files = ['events.db', 'eta-read-model.db', 'notifier.db', 'relay.db', 'read-model.db'];
    expect(files.filter((file) => existsSync(join(dir, `${file}-wal`)))).toEqual([]);
  }, 120_000);
});
