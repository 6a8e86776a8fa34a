import type { BoardDoc } from '@ot/application';
import type Database from 'better-sqlite3';

/** Bumped when the rows' fold changes (2: the domain's delay states): a board of another version is dropped and rebuilt from the log. */
export const DELAY_BOARD_VERSION = 2;

const hoursBetween = (from: string | undefined, to: string | undefined): number | null => (from && to ? (Date.parse(to) - Date.parse(from)) / 3_600_000 : null);

type BoardColumn = readonly [column: string, sqlType: string, value: (row: BoardDoc) => string | number | null];

/** The one list of delay_board's columns (the primary key first): the DDL, the upsert and its parameters are made from it. */
const COLUMNS: readonly BoardColumn[] = [
  ['order_id', 'TEXT PRIMARY KEY', (r) => r.orderId],
  ['doc', 'TEXT NOT NULL', (r) => JSON.stringify(r)],
  ['open', 'INTEGER NOT NULL', (r) => (r.open ? 1 : 0)],
  ['stage', 'TEXT NOT NULL', (r) => r.stage],
  ['delay_state', 'TEXT NOT NULL', (r) => r.delayState],
  ['placed_at', 'TEXT NOT NULL', (r) => r.placedAt],
  ['placed_day', 'TEXT NOT NULL', (r) => r.placedDay],
  ['handed_day', 'TEXT', (r) => r.handedDay ?? null],
  ['delivered_day', 'TEXT', (r) => r.deliveredDay ?? null],
  ['promised_by', 'TEXT NOT NULL', (r) => r.promisedBy],
  ['expected', 'TEXT', (r) => r.expected ?? null],
  ['stage_since', 'TEXT NOT NULL', (r) => r.stageSince],
  ['last_scan_at', 'TEXT NOT NULL', (r) => r.lastScanAt],
  ['carrier', 'TEXT NOT NULL', (r) => r.carrier],
  ['origin_state', 'TEXT NOT NULL', (r) => r.originState],
  ['destination_state', 'TEXT NOT NULL', (r) => r.destinationState],
  ['destination_region', 'TEXT NOT NULL', (r) => r.destinationRegion],
  ['origin', 'TEXT NOT NULL', (r) => `${r.originCity}/${r.originState}`],
  ['route', 'TEXT NOT NULL', (r) => `${r.originState}->${r.destinationState}`],
  ['reason', 'TEXT', (r) => r.reason ?? null],
  ['alerts', 'INTEGER NOT NULL', (r) => r.alerts],
  ['first_alert_day', 'TEXT', (r) => r.firstAlertDay ?? null],
  ['broken_day', 'TEXT', (r) => r.brokenDay ?? null],
  ['processing_hours', 'REAL', (r) => hoursBetween(r.placedAt, r.handedAt)],
  ['transit_hours', 'REAL', (r) => hoursBetween(r.handedAt, r.deliveredAt)],
];

/**
 * Columns for every filter, sort and grouping of the board; the row itself is kept as JSON. Each index serves a
 * query of the console (EXPLAIN QUERY PLAN): the lane index, covering, also answers the delay-state filter and sort.
 */
export const DELAY_BOARD_SCHEMA = `
  CREATE TABLE IF NOT EXISTS delay_board (${COLUMNS.map(([column, sqlType]) => `${column} ${sqlType}`).join(', ')});
  CREATE INDEX IF NOT EXISTS delay_board_lane ON delay_board (open, origin_state, destination_state, delay_state, promised_by, order_id, stage_since);
  CREATE INDEX IF NOT EXISTS delay_board_carrier ON delay_board (open, carrier);
  CREATE INDEX IF NOT EXISTS delay_board_stage ON delay_board (open, stage);
  CREATE INDEX IF NOT EXISTS delay_board_delivered ON delay_board (delivered_day);
  CREATE INDEX IF NOT EXISTS delay_board_placed ON delay_board (placed_day);
  CREATE TABLE IF NOT EXISTS delay_board_checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS delay_board_version (id INTEGER PRIMARY KEY CHECK (id = 1), fold INTEGER NOT NULL);
`;

/**
 * Creates the board's tables, first dropping a board folded by another DELAY_BOARD_VERSION (its checkpoint
 * goes with it, so the board is rebuilt from the log). The version has a table of its own, not PRAGMA
 * user_version: the board shares the status view's file, whose migrations own user_version.
 */
export function createBoardTables(db: Database.Database): void {
  db.transaction(() => {
    const hasVersion = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'delay_board_version'").get() !== undefined;
    const fold = hasVersion ? (db.prepare('SELECT fold FROM delay_board_version WHERE id = 1').pluck().get() as number | undefined) : undefined;
    if (fold !== DELAY_BOARD_VERSION) db.exec('DROP TABLE IF EXISTS delay_board; DROP TABLE IF EXISTS delay_board_checkpoint;');
    db.exec(DELAY_BOARD_SCHEMA);
    db.prepare('INSERT OR REPLACE INTO delay_board_version (id, fold) VALUES (1, ?)').run(DELAY_BOARD_VERSION);
  }).immediate();
}

const NAMES = COLUMNS.map(([column]) => column);

/** One row's upsert; its parameters, in column order, are rowValues(row). */
export const DELAY_BOARD_UPSERT = `INSERT INTO delay_board (${NAMES.join(', ')}) VALUES (${NAMES.map(() => '?').join(', ')})
  ON CONFLICT (order_id) DO UPDATE SET ${NAMES.slice(1)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`;

/** Positional, not named: binding an array skips a key lookup per column on every upsert. */
export function rowValues(row: BoardDoc): (string | number | null)[] {
  const values = new Array<string | number | null>(COLUMNS.length);
  for (let i = 0; i < COLUMNS.length; i++) values[i] = COLUMNS[i]![2](row);
  return values;
}
