import {
  AGEING_BUCKETS,
  type AgeingBucket,
  type BoardDoc,
  type BoardOverview,
  type BoardPage,
  type BoardQuery,
  type BoardTrends,
  type BreakdownKey,
  type BreakdownRow,
  type DelayBoardStore,
  type ModelFigures,
  type ViewCommitListener,
} from '@ot/application';
import { type CalendarDate, keepRecent } from '@ot/domain';
import { SqliteCheckpointAnchoring } from '@ot/sql';
import type Database from 'better-sqlite3';
import { CommitListeners } from '../commit-listeners';
import { openViewFile } from '../sqlite.view-file';
import { AGEING_SQL, boardFilter, ORDER_BY } from './delay-board.filter';
import { createBoardTables, DELAY_BOARD_UPSERT, rowValues } from './delay-board.schema';
import { modelFigures, trends } from './delay-board.aggregates';

const GROUP_COLUMN: Record<BreakdownKey, string> = {
  stage: 'stage',
  route: 'route',
  region: 'destination_region',
  origin: 'origin',
  carrier: 'carrier',
};

/** Parsed rows kept (about 4 s of placements at 1,000 webhooks/s). */
const RECENT_ROWS = 4096;

/**
 * The delay board in SQLite: one row per order with indexed columns for every filter, sort and
 * grouping, the row itself as JSON, and one checkpoint row, written in one transaction. Given the status
 * view's connection it lives in that file and commits with it (SqliteStatusAndBoardStore). Opened on
 * ':memory:' it is the in-memory twin for EVENT_STORE=memory: one query implementation, not two.
 */
export class SqliteDelayBoardStore implements DelayBoardStore {
  private readonly db: Database.Database;
  private readonly listeners = new CommitListeners();
  private readonly commitTx: (rows: readonly BoardDoc[], checkpoint: number) => void;
  /** Rows and checkpoint written without a commit of their own, for a transaction that also writes another view. */
  readonly write: (rows: readonly BoardDoc[], checkpoint: number) => void;
  private readonly selectDoc: Database.Statement<[string], { doc: string }>;
  /**
   * Rows written or read last, parsed: an order's next event (often the delay its placement led to)
   * follows within moments. Written through after each commit, coherent because the board's
   * follower is its file's only writer; the console's queries read the table.
   */
  private readonly recent = new Map<string, BoardDoc>();
  /** Filters compose a handful of distinct SQL texts: each is prepared once (preparing cost more than running). */
  private readonly statements = new Map<string, Database.Statement>();
  readonly anchoring: SqliteCheckpointAnchoring;

  /** A file of its own (or ':memory:'), or the connection of the file it shares. */
  constructor(file: string | Database.Database) {
    this.db = typeof file === 'string' ? openViewFile(file) : file;
    createBoardTables(this.db);
    // an upsert, not INSERT OR REPLACE: a replace deletes and re-inserts the row in every index
    // (measured on 100k rows, 3 per transaction: 193-214 vs 142-145 CPU us per updated row)
    const upsert = this.db.prepare(DELAY_BOARD_UPSERT);
    const saveCheckpoint = this.db.prepare('INSERT OR REPLACE INTO delay_board_checkpoint (id, position) VALUES (1, ?)');
    this.write = (rows, checkpoint) => {
      for (const row of rows) upsert.run(rowValues(row));
      saveCheckpoint.run(checkpoint);
    };
    this.commitTx = this.db.transaction(this.write);
    this.selectDoc = this.db.prepare('SELECT doc FROM delay_board WHERE order_id = ?');
    this.anchoring = new SqliteCheckpointAnchoring(this.db, () => this.forget());
  }

  async get(orderId: string): Promise<BoardDoc | undefined> {
    const cached = this.recent.get(orderId);
    if (cached) return cached;
    const row = this.selectDoc.get(orderId);
    if (!row) return undefined;
    const doc = JSON.parse(row.doc) as BoardDoc;
    this.remember(doc);
    return doc;
  }

  /** Deletes every row and the checkpoint (inside the caller's transaction): the board is folded again from the log. */
  forget(): void {
    this.db.exec('DELETE FROM delay_board; DELETE FROM delay_board_checkpoint;');
    this.recent.clear();
  }

  async commit(rows: readonly BoardDoc[], checkpoint: number): Promise<void> {
    this.commitTx(rows, checkpoint);
    this.committed(rows);
  }

  /** After the transaction that wrote `rows`. */
  committed(rows: readonly BoardDoc[]): void {
    for (const row of rows) this.remember(row);
    this.listeners.notify(() => rows.map((r) => r.orderId));
  }

  onCommit(listener: ViewCommitListener): () => void {
    return this.listeners.add(listener);
  }

  private remember(doc: BoardDoc): void {
    keepRecent(this.recent, doc.orderId, doc, RECENT_ROWS);
  }

  async checkpoint(): Promise<number> {
    return (this.db.prepare('SELECT position FROM delay_board_checkpoint WHERE id = 1').get() as { position: number } | undefined)?.position ?? 0;
  }

  async page(q: BoardQuery): Promise<BoardPage> {
    const { where, params } = boardFilter(q);
    const direction = q.descending ? 'DESC' : 'ASC';
    // sort the matching keys, not the documents: only the page's documents are read (and sorted again, 50 at most)
    const order = `ORDER BY ${ORDER_BY[q.sort ?? 'promisedBy']} ${direction}, order_id ${direction}`;
    const items = this.prepared(
      `SELECT doc FROM delay_board WHERE order_id IN (SELECT order_id FROM delay_board ${where} ${order} LIMIT @limit OFFSET @offset) ${order}`,
    ).all({ ...params, limit: q.limit, offset: q.offset }) as { doc: string }[];
    // the buckets count the list without its ageing filter, so they also give the total: no separate count(*)
    const withoutAgeing = boardFilter({ ...q, ageing: undefined });
    const buckets = this.prepared(`SELECT ${AGEING_SQL} AS bucket, count(*) AS n FROM delay_board ${withoutAgeing.where} GROUP BY bucket`).all(
      withoutAgeing.params,
    ) as { bucket: AgeingBucket; n: number }[];
    const ageing = Object.fromEntries(AGEING_BUCKETS.map((b) => [b, 0])) as Record<AgeingBucket, number>;
    for (const { bucket, n } of buckets) ageing[bucket] = n;
    const total = q.ageing ? ageing[q.ageing] : AGEING_BUCKETS.reduce((sum, b) => sum + ageing[b], 0);
    return { total, items: items.map((r) => JSON.parse(r.doc) as BoardDoc), ageing };
  }

  async overview(today: CalendarDate): Promise<BoardOverview> {
    const counts = this.db
      .prepare(
        `SELECT count(*) FILTER (WHERE open = 1) AS open,
                count(*) FILTER (WHERE open = 1 AND delay_state = 'at-risk') AS atRisk,
                count(*) FILTER (WHERE open = 1 AND delay_state = 'late') AS late,
                count(*) FILTER (WHERE delivered_day = ?) AS deliveredToday
         FROM delay_board`,
      )
      .get(today) as Omit<BoardOverview, 'asOfDay'>;
    return { ...counts, asOfDay: today };
  }

  async trends(): Promise<BoardTrends> {
    return trends(this.db);
  }

  async breakdown(by: BreakdownKey): Promise<BreakdownRow[]> {
    const column = GROUP_COLUMN[by];
    return this.db
      .prepare(
        `SELECT ${column} AS key, count(*) AS open,
                count(*) FILTER (WHERE delay_state = 'at-risk') AS atRisk,
                count(*) FILTER (WHERE delay_state = 'late') AS late,
                count(*) FILTER (WHERE delay_state IN ('at-risk', 'late')) AS delayed
         FROM delay_board WHERE open = 1 GROUP BY ${column} ORDER BY delayed DESC, open DESC, key`,
      )
      .all() as BreakdownRow[];
  }

  async model(): Promise<ModelFigures> {
    return modelFigures(this.db);
  }

  private prepared(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
