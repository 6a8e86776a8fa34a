import {
  domainNotifierPolicy,
  NotificationInboxHandler,
  type NotificationInbox,
  type PreferencesStore,
  type RecordedEvent,
  type SentRecord,
} from '@ot/application';
import { type CustomerPreferences, NOTIFICATION_KINDS } from '@ot/domain';
import { openNotifierDb, SqliteNotificationStore } from '@ot/notifier';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordedSeedEvents } from '../fixtures/seed-orders';

/**
 * The notifier inbox alone over the memory bench's seeded orders (1,000 customers): CPU per event,
 * and how many sent-log rows `sentTo` returns and scans, so a cost growing with the customers' history
 * shows as a per-event figure growing with the orders. Pages of 500 events, as the relay publishes.
 *   node -r ./scripts/swc-register.js bench/tools/notifier-inbox.ts [orders] [detail]
 * `detail`: also the CPU in each inbox method, and per sentTo call the rows it returns and the
 * customer's pending and sent rows (what its scan by customer reads); this adds to the CPU per event.
 */
const PAGE = 500;
const channels = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, ['push', 'email'] as const]));
const preferencesOf = (customerId: string): CustomerPreferences => ({
  customerId,
  language: 'en',
  timeZone: 'America/Sao_Paulo',
  quietHours: { start: '22:00', end: '08:00' },
  channels,
  contacts: { deviceTokens: [`device-${customerId}`], email: `${customerId}@example.com` },
});
const preferences: PreferencesStore = {
  get: async (customerId: string) => preferencesOf(customerId),
  getMany: async (customerIds: readonly string[]) => new Map(customerIds.map((id) => [id, preferencesOf(id)])),
  put: async () => undefined,
  removeDeviceToken: async () => undefined,
};

async function main(): Promise<void> {
  const orders = Number(process.argv[2] ?? 20_000);
  const detail = process.argv[3] === 'detail';
  const dir = mkdtempSync(join(tmpdir(), 'ot-inbox-'));
  const db = openNotifierDb(join(dir, 'notifier.db'));
  const store = new SqliteNotificationStore(db);
  const scanned = db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM outbox WHERE customer_id = ? AND status IN ('pending', 'sent')`);
  const tally = { calls: 0, rows: 0, scanned: 0 };
  const us: Record<string, number> = {};
  // Every inbox call timed by name (the same code measures a checkout whose port has other methods).
  const counting = new Proxy(store, {
    get: (target, prop: string) => {
      const f = Reflect.get(target, prop, target) as unknown;
      if (typeof f !== 'function') return f;
      return async (...a: unknown[]) => {
        const t = process.cpuUsage(); // CPU, not wall: the load would inflate a wall time (the SQLite stores run synchronously)
        const r = (await (f as (...x: unknown[]) => Promise<unknown>).apply(target, a)) as unknown;
        const d = process.cpuUsage(t);
        us[prop] = (us[prop] ?? 0) + d.user + d.system;
        if (prop === 'sentTo') {
          tally.calls++;
          tally.rows += (r as SentRecord[]).length;
          tally.scanned += scanned.get(a[0] as string)!.n;
        }
        return r;
      };
    },
  }) as NotificationInbox;
  const handler = new NotificationInboxHandler(detail ? counting : store, preferences, domainNotifierPolicy());
  let position = 0;
  let page: RecordedEvent[] = [];
  const cpu = process.cpuUsage();
  const started = Date.now();
  for (let n = 0; n < orders; n++) {
    const recorded = recordedSeedEvents(n, position);
    position += recorded.length;
    page.push(...recorded);
    if (page.length >= PAGE || n === orders - 1) {
      await handler.handleBatch(page);
      page = [];
    }
  }
  const used = process.cpuUsage(cpu);
  const rows = db.prepare<[], object>('SELECT notification_id, status, send, not_before FROM outbox ORDER BY notification_id').all();
  // the same decisions in two checkouts: the same outbox, byte for byte
  const outboxSha1 = createHash('sha1').update(JSON.stringify(rows)).digest('hex').slice(0, 12);
  db.close();
  rmSync(dir, { recursive: true, force: true });
  const per = (x: number) => (x / position).toFixed(1);
  console.log(
    JSON.stringify({
      orders,
      events: position,
      queued: rows.length,
      outboxSha1,
      cpuUsPerEvent: per(used.user + used.system),
      wallS: (Date.now() - started) / 1000,
      ...(detail ? { sentToCalls: tally.calls, cpuUsPerEventIn: Object.fromEntries(Object.entries(us).map(([k, v]) => [k, per(v)])) } : {}),
      ...(detail && tally.calls
        ? { sentToRowsPerCall: (tally.rows / tally.calls).toFixed(1), customerRowsPerCall: (tally.scanned / tally.calls).toFixed(1) }
        : {}),
    }),
  );
}

void main();
