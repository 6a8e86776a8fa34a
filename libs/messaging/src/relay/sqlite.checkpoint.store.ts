import type { CheckpointStore } from '@ot/application';
import Database from 'better-sqlite3';

/**
 * Checkpoints in a SQLite file, which may be the event store's own database: one table, one row per
 * reader. Each save is its own durable write, made after the bus acknowledged the publish.
 */
export class SqliteCheckpointStore implements CheckpointStore {
  private readonly db: Database.Database;
  private readonly owned: boolean;

  constructor(pathOrDb: string | Database.Database) {
    this.owned = typeof pathOrDb === 'string';
    this.db = typeof pathOrDb === 'string' ? new Database(pathOrDb) : pathOrDb;
    if (this.owned) this.db.pragma('journal_mode = WAL');
    this.db.exec('CREATE TABLE IF NOT EXISTS relay_checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL)');
  }

  async load(name: string): Promise<number> {
    const row = this.db.prepare('SELECT position FROM relay_checkpoints WHERE name = ?').get(name) as { position: number } | undefined;
    return row?.position ?? 0;
  }

  async save(name: string, position: number): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO relay_checkpoints (name, position) VALUES (?, ?)
         ON CONFLICT(name) DO UPDATE SET position = max(position, excluded.position)`,
      )
      .run(name, position);
  }

  close(): void {
    if (this.owned) this.db.close();
  }
}
