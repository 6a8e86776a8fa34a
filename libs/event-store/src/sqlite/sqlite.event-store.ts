import type { AppendResult, EventStore, NewEvent, ReadStreamResult, RecordedEvent, Subscription } from '@ot/application';
import type { OrderEvent } from '@ot/domain';
import type Database from 'better-sqlite3';
import { CatchUpSubscriptions } from '../shared/catch-up.subscriptions';
import { type AppendOutcome, type CommitGroup, GroupCommitQueue, type PendingAppend } from '../shared/group-commit.queue';
import { RecentEvents } from '../shared/recent-events';
import { type SqliteCommitted, sqliteGroupCommitter, type TextAppend, toText } from './sqlite.group-committer';
import { openSqliteEventFile, type SqliteEventRow } from './sqlite.schema';
import { SqliteWriterThread } from './sqlite.writer-thread';

export type SqliteEventStoreOptions = {
  /** File path; its folder is created. `:memory:` keeps everything in this thread (tests). */
  path: string;
  /** Appends committed per transaction at most; 1 turns group commit off (benchmarks). */
  maxGroupSize?: number;
  /** How often subscriptions look for appends made by other processes on the same file. */
  pollMs?: number;
  /** Commit on a writer thread (default for a file), or on this thread; the bench compares the two. */
  writerThread?: boolean;
};

const COLUMNS = 'global_position, stream_id, stream_version, type, data, metadata, recorded_at';

/**
 * Durable single-file store for one node: WAL, fsync per commit, group commit, polling subscriptions.
 * Writes go through one writer thread (its fsync never blocks this event loop); reads use this
 * thread's own connection, which WAL lets run beside the writer and which sees every acknowledged append.
 * What this process committed last is also kept in memory (RecentEvents), so the subscriptions
 * following the log read their new events once, without a query each.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly queue: GroupCommitQueue<SqliteCommitted>;
  private readonly recent = new RecentEvents();
  private readonly subscriptions: CatchUpSubscriptions;
  private readonly statements;
  private readonly writer: SqliteWriterThread | null;

  constructor({ path, maxGroupSize, pollMs = 200, writerThread = path !== ':memory:' }: SqliteEventStoreOptions) {
    this.db = openSqliteEventFile(path); // creates the schema before the writer thread opens the file
    // readStream's B-tree inner pages fit in 4 MB; the build's 16 filled at a million orders with the leaves the
    // catch-ups' readAll scans passed (docs/PERFORMANCE.md, session 13)
    if (writerThread) this.db.pragma('cache_size = -4096');
    this.subscriptions = new CatchUpSubscriptions((after, limit) => this.readAll(after, limit), { pollMs });
    this.statements = {
      stream: this.db.prepare<[string], SqliteEventRow>(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? ORDER BY stream_version`),
      all: this.db.prepare<[number, number], SqliteEventRow>(`SELECT ${COLUMNS} FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`),
    };
    this.writer = writerThread ? new SqliteWriterThread(path) : null;
    const commit = this.writer ? (group: TextAppend[]) => this.writer!.commit(group) : sqliteGroupCommitter(this.db);
    // Kept in commit order, before any caller hears of its commit.
    const commitAndKeep: CommitGroup<SqliteCommitted> = async (group: PendingAppend[]) => {
      const texts = group.map(toText);
      const outcomes = await commit(texts);
      this.recent.add(recordedOf(texts, outcomes));
      return outcomes;
    };
    this.queue = new GroupCommitQueue(commitAndKeep, maxGroupSize);
  }

  async readStream<E extends OrderEvent = OrderEvent>(streamId: string): Promise<ReadStreamResult<E>> {
    const events = this.statements.stream.all(streamId).map((row) => toRecorded(row) as RecordedEvent<E>);
    return { events, version: events.length };
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], { expectedVersion }: { expectedVersion: number }): Promise<AppendResult> {
    const { nextVersion, lastPosition } = await this.queue.enqueue({ streamId, events, expectedVersion });
    this.subscriptions.wakeAll(lastPosition);
    return { nextVersion, lastPosition };
  }

  async readAll(afterPosition: number, limit: number): Promise<RecordedEvent[]> {
    return this.recent.after(afterPosition, limit) ?? this.statements.all.all(afterPosition, limit).map(toRecorded);
  }

  subscribeToAll(afterPosition: number, onEvents: (events: RecordedEvent[]) => Promise<void>): Subscription {
    return this.subscriptions.subscribe(afterPosition, onEvents);
  }

  async close(): Promise<void> {
    await this.subscriptions.stopAll();
    await this.queue.drained();
    await this.writer?.close();
    if (this.db.open) this.db.close();
  }
}

/**
 * The events of a committed group as a read gives them back: parsed from the very text stored; an
 * append's events take consecutive positions (one writer holds the lock).
 */
function recordedOf(group: readonly TextAppend[], outcomes: readonly AppendOutcome<SqliteCommitted>[]): RecordedEvent[] {
  const recorded: RecordedEvent[] = [];
  group.forEach(({ streamId, events }, i) => {
    const outcome = outcomes[i];
    if (outcome instanceof Error) return;
    const { nextVersion, lastPosition, recordedAt } = outcome;
    events.forEach((e, k) => {
      const back = events.length - k - 1;
      recorded.push({
        type: e.type,
        data: JSON.parse(e.data),
        ...(e.metadata === null ? {} : { metadata: JSON.parse(e.metadata) }),
        streamId,
        streamVersion: nextVersion - back,
        globalPosition: lastPosition - back,
        recordedAt,
      } as RecordedEvent);
    });
  });
  return recorded;
}

function toRecorded(row: SqliteEventRow): RecordedEvent {
  return {
    type: row.type,
    data: JSON.parse(row.data),
    ...(row.metadata === null ? {} : { metadata: JSON.parse(row.metadata) }),
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    globalPosition: row.global_position,
    recordedAt: row.recorded_at,
  } as RecordedEvent;
}
