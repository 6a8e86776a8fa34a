import type { AppendResult } from '@ot/application';
import type Database from 'better-sqlite3';
import type { AppendOutcome, PendingAppend } from '../shared/group-commit.queue';
import { versionConflict } from '../shared/version-conflict';

/** An append as committed: its result and the recording time stored with its events (the same for the whole group). */
export type SqliteCommitted = AppendResult & { recordedAt: string };

/** An event as its row stores it: data and metadata already JSON text. */
export type EventText = { type: string; data: string; metadata: string | null };
export type TextAppend = { streamId: string; expectedVersion: number; events: readonly EventText[] };

/**
 * Serialised once, on the appending thread: the writer thread gets strings (a cheap structured clone, and no
 * JSON work of its own), and the store parses the same text back for its in-memory tail.
 */
export const toText = ({ streamId, expectedVersion, events }: PendingAppend): TextAppend => ({
  streamId,
  expectedVersion,
  events: events.map((e) => ({ type: e.type, data: JSON.stringify(e.data), metadata: e.metadata === undefined ? null : JSON.stringify(e.metadata) })),
});

/**
 * Commits a group of appends in one IMMEDIATE transaction (one fsync), each append in its own
 * SAVEPOINT so a conflicting one rolls back alone. Runs wherever the writing connection lives:
 * the writer thread for a file, the caller's thread for `:memory:`.
 */
export function sqliteGroupCommitter(db: Database.Database): (group: TextAppend[]) => AppendOutcome<SqliteCommitted>[] {
  const version = db.prepare<[string], { v: number }>('SELECT coalesce(max(stream_version), 0) AS v FROM events WHERE stream_id = ?');
  const insertRow = db.prepare('INSERT INTO events (stream_id, stream_version, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?)');

  const insertFrom = ({ streamId, events }: TextAppend, actual: number, recordedAt: string): AppendResult => {
    let lastPosition = 0;
    events.forEach((e, i) => {
      lastPosition = Number(insertRow.run(streamId, actual + i + 1, e.type, e.data, e.metadata, recordedAt).lastInsertRowid);
    });
    return { nextVersion: actual + events.length, lastPosition };
  };

  const insert = (append: TextAppend, recordedAt: string): AppendResult => {
    const { streamId, expectedVersion, events } = append;
    if (expectedVersion !== 0 || events.length === 0) {
      const actual = version.get(streamId)!.v;
      if (actual !== expectedVersion) throw versionConflict(streamId, expectedVersion, actual);
      return insertFrom(append, actual, recordedAt);
    }
    // A new stream (every order.placed): no version SELECT; UNIQUE (stream_id, stream_version) rejects
    // version 1 if the stream exists, and this append's SAVEPOINT rolls back alone.
    try {
      return insertFrom(append, 0, recordedAt);
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
      throw versionConflict(streamId, expectedVersion, version.get(streamId)!.v);
    }
  };

  // A nested better-sqlite3 transaction is a SAVEPOINT: a failing append rolls back alone.
  const appendOne = db.transaction(insert);
  // IMMEDIATE takes the write lock up front, so version checks cannot race another process.
  return db.transaction((group: TextAppend[]) => {
    const recordedAt = new Date().toISOString();
    return group.map((a): AppendOutcome<SqliteCommitted> => {
      try {
        return { ...appendOne(a, recordedAt), recordedAt };
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    });
  }).immediate;
}
