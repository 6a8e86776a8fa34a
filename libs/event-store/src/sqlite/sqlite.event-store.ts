import type { AppendResult, EventStore, NewEvent, ReadStreamResult, RecordedEvent, Subscription } from '@ot/application';
import type { OrderEvent } from '@ot/domain';
import type Database from 'better-sqlite3';
import { CatchUpSubscriptions } from '../shared/catch-up.subscriptions';
import { type AppendOutcome, GroupCommitQueue, type PendingAppend } from '../shared/group-commit.queue';
import { versionConflict } from '../shared/version-conflict';
import { openSqliteEventFile, type SqliteEventRow } from './sqlite.schema';

export type SqliteEventStoreOptions = {
  /** File path; its folder is created. */
  path: string;
  /** Appends committed per transaction at most; 1 turns group commit off (benchmarks). */
  maxGroupSize?: number;
  /** How often subscriptions look for appends made by other processes on the same file. */
  pollMs?: number;
};

const COLUMNS = 'global_position, stream_id, stream_version, type, data, metadata, recorded_at';

/** Durable single-file store for one node: WAL, fsync per commit, group commit, polling subscriptions. */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly queue: GroupCommitQueue;
  private readonly subscriptions: CatchUpSubscriptions;
  private readonly statements;
  private readonly commitGroup: (group: PendingAppend[]) => AppendOutcome[];

  constructor({ path, maxGroupSize, pollMs = 200 }: SqliteEventStoreOptions) {
    this.db = openSqliteEventFile(path);
    this.subscriptions = new CatchUpSubscriptions((after, limit) => this.readAll(after, limit), { pollMs });
    this.statements = {
      version: this.db.prepare<[string], { v: number }>('SELECT coalesce(max(stream_version), 0) AS v FROM events WHERE stream_id = ?'),
      insert: this.db.prepare(
        'INSERT INTO events (stream_id, stream_version, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      stream: this.db.prepare<[string], SqliteEventRow>(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? ORDER BY stream_version`),
      all: this.db.prepare<[number, number], SqliteEventRow>(
        `SELECT ${COLUMNS} FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`,
      ),
    };
    // A nested better-sqlite3 transaction is a SAVEPOINT: a failing append rolls back alone.
    const appendOne = this.db.transaction((a: PendingAppend, recordedAt: string): AppendResult => this.insert(a, recordedAt));
    // IMMEDIATE takes the write lock up front, so version checks cannot race another process.
    this.commitGroup = this.db.transaction((group: PendingAppend[]) => {
      const recordedAt = new Date().toISOString();
      return group.map((a): AppendOutcome => {
        try {
          return appendOne(a, recordedAt);
        } catch (error) {
          return error instanceof Error ? error : new Error(String(error));
        }
      });
    }).immediate;
    this.queue = new GroupCommitQueue((group) => this.commitGroup(group), maxGroupSize);
  }

  async readStream<E extends OrderEvent = OrderEvent>(streamId: string): Promise<ReadStreamResult<E>> {
    const events = this.statements.stream.all(streamId).map((row) => toRecorded(row) as RecordedEvent<E>);
    return { events, version: events.length };
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], { expectedVersion }: { expectedVersion: number }): Promise<AppendResult> {
    const result = await this.queue.enqueue({ streamId, events, expectedVersion });
    this.subscriptions.wakeAll();
    return result;
  }

  async readAll(afterPosition: number, limit: number): Promise<RecordedEvent[]> {
    return this.statements.all.all(afterPosition, limit).map(toRecorded);
  }

  subscribeToAll(afterPosition: number, onEvents: (events: RecordedEvent[]) => Promise<void>): Subscription {
    return this.subscriptions.subscribe(afterPosition, onEvents);
  }

  async close(): Promise<void> {
    await this.subscriptions.stopAll();
    await this.queue.drained();
    if (this.db.open) this.db.close();
  }

  private insert(append: PendingAppend, recordedAt: string): AppendResult {
    const { streamId, expectedVersion, events } = append;
    if (expectedVersion !== 0 || events.length === 0) {
      const actual = this.statements.version.get(streamId)!.v;
      if (actual !== expectedVersion) throw versionConflict(streamId, expectedVersion, actual);
      return this.insertFrom(append, actual, recordedAt);
    }
    // A new stream (every order.placed): no version SELECT; UNIQUE (stream_id, stream_version) rejects
    // version 1 if the stream exists, and this append's SAVEPOINT rolls back alone.
    try {
      return this.insertFrom(append, 0, recordedAt);
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
      throw versionConflict(streamId, expectedVersion, this.statements.version.get(streamId)!.v);
    }
  }

  private insertFrom({ streamId, events }: PendingAppend, actual: number, recordedAt: string): AppendResult {
    let lastPosition = 0;
    events.forEach((e, i) => {
      const metadata = e.metadata === undefined ? null : JSON.stringify(e.metadata);
      const info = this.statements.insert.run(streamId, actual + i + 1, e.type, JSON.stringify(e.data), metadata, recordedAt);
      lastPosition = Number(info.lastInsertRowid);
    });
    return { nextVersion: actual + events.length, lastPosition };
  }
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
