import { domainNotifierPolicy, type EventDecisions, NotificationInboxHandler, type RecordedEvent } from '@ot/application';
import { openNotifierDb, SqliteNotificationLog, SqliteNotificationStore } from '@ot/notifier';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EveryoneOptedIn } from '../workers/pipeline-notifier';

/**
 * The notifier's inbox alone, on the batches a pipeline pass handed it (PIPELINE_INBOX_BATCHES=<file> on
 * bench/workers/pipeline.worker.js): the handler, the domain policy and the SQLite store with its decision
 * journal (decisions and unsent lines in one commit), as the embedded service runs them, on a fresh file per
 * round. Prints CPU us per event for each round, the part spent in the journal's record(), and a hash per table
 * of what the file holds at the end, so two trees can be shown to decide and write the same.
 *   node dist/bench/tools/inbox-batches.js <batches.json> [rounds=5]
 */
async function round(batches: readonly (readonly RecordedEvent[])[]): Promise<{ us: number; recordUs: number; tables: Record<string, string> }> {
  const dir = mkdtempSync(join(tmpdir(), 'ot-inbox-batches-'));
  const db = openNotifierDb(join(dir, 'notifier.db'));
  const store = new SqliteNotificationStore(db);
  const log = new SqliteNotificationLog(db);
  const journal = store.decisionJournal(log);
  let recordCpu = 0;
  const timed = {
    record: async (decisions: readonly EventDecisions[]) => {
      const at = process.cpuUsage();
      const recorded = await journal.record(decisions);
      const used = process.cpuUsage(at);
      recordCpu += used.user + used.system;
      return recorded;
    },
  };
  const handler = new NotificationInboxHandler(store, new EveryoneOptedIn(), domainNotifierPolicy(), log, timed);
  const events = batches.reduce((n, b) => n + b.length, 0);
  const cpu = process.cpuUsage();
  for (const batch of batches) await handler.handleBatch(batch);
  const used = process.cpuUsage(cpu);
  const hash = (sql: string) =>
    createHash('sha1')
      .update(JSON.stringify(db.prepare(sql).all()))
      .digest('hex')
      .slice(0, 12);
  const tables = {
    handled: hash('SELECT global_position FROM handled_events ORDER BY 1'),
    contexts: hash('SELECT order_id, context FROM order_contexts ORDER BY 1'),
    outbox: hash('SELECT notification_id, order_id, customer_id, send, status, kind, not_before, next_attempt_at FROM outbox ORDER BY 1'),
    log: hash('SELECT order_id, notification_id, kind, channel, status, error, request_id, at FROM notification_log ORDER BY id'),
  };
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return { us: (used.user + used.system) / events, recordUs: recordCpu / events, tables };
}

async function main(): Promise<void> {
  const [file, rounds = '5'] = process.argv.slice(2);
  if (!file) throw new Error('usage: inbox-batches.js <batches.json> [rounds]');
  const batches = JSON.parse(readFileSync(file, 'utf8')) as RecordedEvent[][];
  const results = [];
  for (let r = 0; r < Number(rounds); r++) results.push(await round(batches));
  console.log(
    JSON.stringify({
      events: batches.reduce((n, b) => n + b.length, 0),
      batches: batches.length,
      cpuUsPerEvent: results.map((r) => Number(r.us.toFixed(1))),
      recordCpuUsPerEvent: results.map((r) => Number(r.recordUs.toFixed(1))),
      tables: results[results.length - 1]!.tables,
    }),
  );
}

void main();
