import type { CheckpointStore } from '@ot/application';
import { migrateSqlite } from '@ot/sql';
import Database from 'better-sqlite3';
import { CHECKPOINT_MIGRATIONS } from './checkpoint.migrations';

/**
 * Checkpoints in a SQLite file of their own: one table, one row per reader. Each save is its own
 * durable write, made after the bus acknowledged the publish.
 */
export class SqliteCheckpointStore implements CheckpointStore {
  private readonly db: Database.Database;
  private readonly select: Database.Statement<[string], { position: number }>;
  private readonly upsert: Database.Statement<[string, number]>;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    migrateSqlite(this.db, CHECKPOINT_MIGRATIONS); // v1 is IF NOT EXISTS: an unnumbered file is at v1 already
    // prepared once: the relay saves after every page it publishes
    this.select = this.db.prepare('SELECT position FROM relay_checkpoints WHERE name = ?');
    this.upsert = this.db.prepare(
      `INSERT INTO relay_checkpoints (name, position) VALUES (?, ?)
       ON CONFLICT(name) DO UPDATE SET position = max(position, excluded.position)`,
    );
  }

  async load(name: string): Promise<number> {
    return this.select.get(name)?.position ?? 0;
  }

  async save(name: string, position: number): Promise<void> {
    this.upsert.run(name, position);
  }

  close(): void {
    this.db.close();
  }
}
