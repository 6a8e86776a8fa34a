import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eventually, preferencesOf, privateDataEnv } from '@ot/testing';
import { JWT_SECRET, SECRETS, tokenFor } from '../e2e/support/test-app';
import { type Child, freePort, spawnTs, stop, waitForHttp } from './support/child-process.support';
import { driveWebhooks } from './support/webhook-load.support';

/**
 * A customer is never notified twice, and no decided notification is lost, when the process dies
 * mid-send: the order-service child runs the embedded notifier (file outbox senders, append is
 * synchronous), is SIGKILLed once sends are flowing and webhooks still arrive, and restarts on the
 * same notifier DB. Lines per (notificationId, channel) in the outbox files are the sends the
 * "provider" accepted.
 */
const SENDS_BEFORE_KILL = 40;

type Row = { notification_id: string; order_id: string; status: string; next_attempt_at: string };

describe('notifier kill -9 mid-send (embedded in the order-service child)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ot-notifier-crash-'));
  const outbox = join(dir, 'outbox');
  let service: Child | undefined;
  afterAll(async () => {
    if (service) await stop(service);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Outbox file lines, counted per notificationId + channel (one line = one accepted send). */
  const sendsInFiles = (): Map<string, number> => {
    const counts = new Map<string, number>();
    if (!existsSync(outbox)) return counts;
    // <channel>.jsonl only: a repeat the outbox refused (its .repeats.jsonl) was not sent
    for (const file of readdirSync(outbox).filter((f) => /^[a-z]+\.jsonl$/.test(f))) {
      for (const line of readFileSync(join(outbox, file), 'utf8').split('\n').filter(Boolean)) {
        const { notificationId, channel } = JSON.parse(line) as { notificationId: string; channel: string };
        counts.set(`${notificationId} ${channel}`, (counts.get(`${notificationId} ${channel}`) ?? 0) + 1);
      }
    }
    return counts;
  };
  const outboxRows = (): Row[] => {
    const db = new Database(join(dir, 'notifier.db'), { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT notification_id, order_id, status, next_attempt_at FROM outbox').all() as Row[];
    } finally {
      db.close();
    }
  };

  it('loses nothing and sends nothing twice across the crash (within the lease window)', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = {
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      EVENT_STORE: 'sqlite',
      ...privateDataEnv(dir),
      RUN_NOTIFIER: 'true',
      NOTIFIER_OUTBOX_DIR: outbox,
      NOTIFIER_DISPATCH_INTERVAL_MS: '20',
      JWT_SECRET,
      WEBHOOK_SECRET_WAREHOUSE: SECRETS.warehouse,
      WEBHOOK_SECRET_COURIER: SECRETS.courier,
      WEBHOOK_SECRET_PICKUP_POINT: SECRETS['pickup-point'],
    };
    const start = async () => {
      const child = spawnTs('apps/order-service/src/main.ts', env);
      await waitForHttp(child, `${base}/orders/none`);
      await waitForHttp(child, `${base}/dead-letters`); // the embedded notifier's routes share the one port
      return child;
    };
    service = await start();
    const { customerId: _, ...prefs } = preferencesOf('c1', { channels: { 'promise-broken': ['push', 'sms'], shipped: ['push'] } });
    const put = await fetch(`${base}/customers/c1/preferences`, {
      method: 'PUT',
      body: JSON.stringify(prefs),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenFor('c1')}` },
    });
    expect(put.status).toBe(200);

    // Kill once the provider has accepted SENDS_BEFORE_KILL sends, while webhooks are still arriving.
    const victim = service;
    let killed = false;
    const watcher = setInterval(() => {
      const sends = [...sendsInFiles().values()].reduce((a, b) => a + b, 0);
      if (sends >= SENDS_BEFORE_KILL && !killed) killed = victim.proc.kill('SIGKILL');
    }, 5);
    const load = await driveWebhooks(base, `ncrash-${Date.now().toString(36)}`, {
      concurrency: 8,
      maxRequests: 600,
      stopAfterAcks: 600,
      killedElsewhere: () => killed,
    })
      .catch((e: Error) => {
        throw new Error(`load failed before the kill: ${e.message}`);
      })
      .finally(() => clearInterval(watcher));
    expect(await victim.exited).toBe('SIGKILL');
    const atKill = sendsInFiles();

    service = await start();
    // The fixtures promise delivery by 2026-01-10, so the delay reactor (RUN_ETA) appends PromiseBroken for
    // every order: a kind sent at once (status news such as "shipped" is held 2 min to collapse bursts).
    const placedOrders = new Set(load.acks.filter((a) => a.type === 'OrderPlaced').map((a) => a.orderId));
    // Wait until every acknowledged order has its notification decided and nothing due is left unsent.
    const rows = await eventually(
      async () => {
        const now = new Date().toISOString();
        const all = outboxRows();
        const decided = new Set(all.filter((r) => r.notification_id.includes(':promise-broken:')).map((r) => r.order_id));
        expect([...placedOrders].filter((o) => !decided.has(o))).toEqual([]);
        expect(all.filter((r) => r.status === 'pending' && r.next_attempt_at <= now)).toEqual([]);
        return all;
      },
      { timeoutMs: 30_000, everyMs: 200 },
    );

    const files = sendsInFiles();
    const sentIds = new Set([...files.keys()].map((k) => k.split(' ')[0]));
    const duplicates = [...files.entries()].filter(([, n]) => n > 1);
    const lostSent = rows.filter((r) => r.status === 'sent' && !sentIds.has(r.notification_id)); // marked sent, never reached the provider
    const leased = rows.filter((r) => r.status === 'pending');
    const windowed = leased.filter((r) => sentIds.has(r.notification_id)); // accepted, not marked: re-sent when the lease ends
    console.log(
      `notifier crash: faults injected 1 (kill -9 after ${[...atKill.values()].reduce((a, b) => a + b, 0)} sends, load still running); webhooks acknowledged ${load.acks.length}; ` +
        `notifications decided ${rows.length} (sent ${rows.filter((r) => r.status === 'sent').length}, superseded ${rows.filter((r) => r.status === 'superseded').length}, dead ${rows.filter((r) => r.status === 'dead').length}, pending not yet due (collapse hold or lease) ${leased.length}); ` +
        `acknowledged orders without a decided notification 0; duplicate sends ${duplicates.length}; marked sent but never sent ${lostSent.length}; ` +
        `known window (accepted by the provider, not marked, will be re-sent after the 60 s lease): ${windowed.length}${windowed.length ? ` [${windowed.map((r) => r.notification_id).join(', ')}]` : ''}`,
    );
    expect(duplicates).toEqual([]);
    expect(lostSent).toEqual([]);
    expect(leased.length).toBeLessThanOrEqual(50); // at most one claimed batch was in flight at the kill
  }, 90_000);
});
