import type { CheckpointStore } from '@ot/application';
import { migratePostgres, type PostgresDatabase } from '@ot/sql';
import { CHECKPOINT_MIGRATIONS } from './checkpoint.migrations';

/** Checkpoints in the shared PostgreSQL schema, so a relay that moves to another host resumes where the last one stopped. */
export class PostgresCheckpointStore implements CheckpointStore {
  private constructor(private readonly db: PostgresDatabase) {}

  static async open(db: PostgresDatabase): Promise<PostgresCheckpointStore> {
    await migratePostgres(db, 'checkpoints', CHECKPOINT_MIGRATIONS);
    return new PostgresCheckpointStore(db);
  }

  async load(name: string): Promise<number> {
    const [row] = await this.db.query<{ position: string }>('SELECT position FROM relay_checkpoints WHERE name = $1', [name]);
    return row ? Number(row.position) : 0;
  }

  async save(name: string, position: number): Promise<void> {
    // GREATEST: two racing savers (an old owner after a rebalance) never move it back
    await this.db.query(
      `INSERT INTO relay_checkpoints (name, position) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET position = GREATEST(relay_checkpoints.position, excluded.position)`,
      [name, position],
    );
  }
}
