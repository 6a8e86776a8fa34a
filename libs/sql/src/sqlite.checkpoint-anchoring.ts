import type Database from 'better-sqlite3';

type Anchor = Readonly<{ position: number; anchor: string }>;

/**
 * A projection file's checkpoint anchor (CheckpointAnchoring in libs/application), in a one-row
 * table of that file. `forget` deletes the store's documents and checkpoint; reset() runs it and
 * drops the anchor in one transaction.
 */
export class SqliteCheckpointAnchoring {
  private readonly select: Database.Statement<[], Anchor>;
  private readonly upsert: Database.Statement<[number, string]>;
  private readonly resetTx: () => void;

  constructor(db: Database.Database, forget: () => void) {
    db.exec('CREATE TABLE IF NOT EXISTS checkpoint_anchor (id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL, anchor TEXT NOT NULL)');
    this.select = db.prepare('SELECT position, anchor FROM checkpoint_anchor WHERE id = 1');
    this.upsert = db.prepare('INSERT OR REPLACE INTO checkpoint_anchor (id, position, anchor) VALUES (1, ?, ?)');
    const drop = db.prepare('DELETE FROM checkpoint_anchor');
    this.resetTx = db.transaction(() => {
      forget();
      drop.run();
    });
  }

  async savedAnchor(): Promise<Anchor | undefined> {
    return this.select.get();
  }

  async saveAnchor({ position, anchor }: Anchor): Promise<void> {
    this.upsert.run(position, anchor);
  }

  async reset(): Promise<void> {
    this.resetTx();
  }
}
