import type { BoardDoc } from '@ot/application';
import type Database from 'better-sqlite3';

/** Bumped when the rows' fold changes (2: the domain's delay states): a board of another version is dropped and rebuilt from the log. */
export const DELAY_BOARD_VERSION = 2;

/**
 * Columns for every filter, sort and grouping of the board; the row itself is kept as JSON. Each index serves a
 * query of the console (EXPLAIN QUERY PLAN): the lane index, covering, also answers the delay-state filter and sort.
 */
export const DELAY_BOARD_SCHEMA = `
  CREATE TABLE IF NOT EXISTS delay_board (
    order_id TEXT PRIMARY KEY, doc TEXT NOT NULL, open INTEGER NOT NULL, stage TEXT NOT NULL, delay_state TEXT NOT NULL,
    placed_at TEXT NOT NULL, placed_day TEXT NOT NULL, handed_day TEXT, delivered_day TEXT, promised_by TEXT NOT NULL, expected TEXT,
    stage_since TEXT NOT NULL, last_scan_at TEXT NOT NULL, carrier TEXT NOT NULL, origin_state TEXT NOT NULL, destination_state TEXT NOT NULL,
    destination_region TEXT NOT NULL, origin TEXT NOT NULL, route TEXT NOT NULL, reason TEXT, alerts INTEGER NOT NULL,
    first_alert_day TEXT, broken_day TEXT, processing_hours REAL, transit_hours REAL);
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

const hoursBetween = (from: string | undefined, to: string | undefined): number | null => (from && to ? (Date.parse(to) - Date.parse(from)) / 3_600_000 : null);

/** The named parameters of one row's upsert. */
/** Each column of delay_board with the rowParams key that fills it, the primary key first. */
export const BOARD_COLUMNS: readonly (readonly [column: string, param: string])[] = [
  'order_id',
  'doc',
  'open',
  'stage',
  'delay_state',
  'placed_at',
  'placed_day',
  'handed_day',
  'delivered_day',
  'promised_by',
  'expected',
  'stage_since',
  'last_scan_at',
  'carrier',
  'origin_state',
  'destination_state',
  'destination_region',
  'origin',
  'route',
  'reason',
  'alerts',
  'first_alert_day',
  'broken_day',
  'processing_hours',
  'transit_hours',
].map((column) => [column, column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] as const);

export function rowParams(row: BoardDoc): Record<string, string | number | null> {
  return {
    orderId: row.orderId,
    doc: JSON.stringify(row),
    open: row.open ? 1 : 0,
    stage: row.stage,
    delayState: row.delayState,
    placedAt: row.placedAt,
    placedDay: row.placedDay,
    handedDay: row.handedDay ?? null,
    deliveredDay: row.deliveredDay ?? null,
    promisedBy: row.promisedBy,
    expected: row.expected ?? null,
    stageSince: row.stageSince,
    lastScanAt: row.lastScanAt,
    carrier: row.carrier,
    originState: row.originState,
    destinationState: row.destinationState,
    destinationRegion: row.destinationRegion,
    origin: `${row.originCity}/${row.originState}`,
    route: `${row.originState}->${row.destinationState}`,
    reason: row.reason ?? null,
    alerts: row.alerts,
    firstAlertDay: row.firstAlertDay ?? null,
    brokenDay: row.brokenDay ?? null,
    processingHours: hoursBetween(row.placedAt, row.handedAt),
    transitHours: hoursBetween(row.handedAt, row.deliveredAt),
  };
}
