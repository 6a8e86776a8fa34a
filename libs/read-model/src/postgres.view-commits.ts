import { randomUUID } from 'node:crypto';
import type { ViewCommitListener } from '@ot/application';
import { channelName, type Migration, migratePostgres, type PostgresDatabase, PostgresListener } from '@ot/sql';
import type { PoolClient } from 'pg';
import { CommitListeners } from './commit-listeners';

/** NOTIFY payloads stop at 8000 bytes: order ids go out in chunks well under it. */
const IDS_PER_NOTIFY = 100;

/**
 * Word of a view's commits for every process on the schema: the committing store tells its own
 * listeners at once, and NOTIFY (sent in the commit's transaction, so only if it commits) tells the
 * stores of the other replicas, whose response caches must drop the same orders.
 */
export class PostgresViewCommits {
  private readonly listeners = new CommitListeners();
  private readonly channel: string;
  private readonly listener: PostgresListener;
  /** Our own commits come back over LISTEN too; they were told already. */
  private readonly self = randomUUID();

  constructor(db: PostgresDatabase, topic: string) {
    this.channel = channelName(db.schema, topic);
    this.listener = new PostgresListener(db.connectionString, this.channel, (payload) => {
      const { from, ids } = JSON.parse(payload) as { from: string; ids: string[] };
      if (from !== this.self) this.listeners.notify(() => ids);
    });
  }

  start(): Promise<void> {
    return this.listener.start();
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }

  add(listener: ViewCommitListener): () => void {
    return this.listeners.add(listener);
  }

  /** Inside the commit's transaction. */
  async announce(client: PoolClient, orderIds: readonly string[]): Promise<void> {
    for (let i = 0; i < orderIds.length; i += IDS_PER_NOTIFY) {
      await client.query('SELECT pg_notify($1, $2)', [this.channel, JSON.stringify({ from: this.self, ids: orderIds.slice(i, i + IDS_PER_NOTIFY) })]);
    }
  }

  /** After the commit: this process's listeners, before commit() resolves. */
  committed(orderIds: readonly string[]): void {
    this.listeners.notify(() => orderIds);
  }
}

/** What opening a PostgreSQL view store takes: its tables migrated, and an ear on the other replicas' commits. */
export async function openPostgresView(db: PostgresDatabase, view: string, migrations: readonly Migration[]): Promise<PostgresViewCommits> {
  await migratePostgres(db, view, migrations);
  const commits = new PostgresViewCommits(db, view);
  await commits.start();
  return commits;
}
