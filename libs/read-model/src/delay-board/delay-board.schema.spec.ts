import Database from 'better-sqlite3';
import { DELAY_BOARD_SCHEMA, DELAY_BOARD_UPSERT, rowValues } from './delay-board.schema';

describe('delay board schema', () => {
  const db = new Database(':memory:');
  db.exec(DELAY_BOARD_SCHEMA);

  it('keeps the released table: same columns, types and order (a board on disk is reused, not rebuilt)', () => {
    const shape = (db.pragma('table_info(delay_board)') as { name: string; type: string; notnull: number; pk: number }[]).map(
      (c) => `${c.name} ${c.type}${c.pk ? ' PK' : ''}${c.notnull ? ' NOT NULL' : ''}`,
    );
    expect(shape).toEqual([
      'order_id TEXT PK',
      ...['doc TEXT', 'open INTEGER', 'stage TEXT', 'delay_state TEXT', 'placed_at TEXT', 'placed_day TEXT'].map((c) => `${c} NOT NULL`),
      'handed_day TEXT',
      'delivered_day TEXT',
      'promised_by TEXT NOT NULL',
      'expected TEXT',
      ...['stage_since', 'last_scan_at', 'carrier', 'origin_state', 'destination_state', 'destination_region', 'origin', 'route'].map(
        (c) => `${c} TEXT NOT NULL`,
      ),
      'reason TEXT',
      'alerts INTEGER NOT NULL',
      'first_alert_day TEXT',
      'broken_day TEXT',
      'processing_hours REAL',
      'transit_hours REAL',
    ]);
  });

  it('upserts every column from the one list, the derived ones included', () => {
    const row = {
      orderId: 'o1',
      open: true,
      stage: 'InTransit',
      delayState: 'late',
      placedAt: '2026-01-01T00:00:00Z',
      placedDay: '2026-01-01',
      promisedBy: '2026-01-05',
      stageSince: '2026-01-02T00:00:00Z',
      lastScanAt: '2026-01-02T00:00:00Z',
      carrier: 'c',
      originState: 'SP',
      destinationState: 'RJ',
      destinationRegion: 'SE',
      originCity: 'sao paulo',
      alerts: 2,
      handedAt: '2026-01-02T00:00:00Z',
      reason: 'weather',
    };
    const upsert = db.prepare(DELAY_BOARD_UPSERT);
    upsert.run(rowValues(row as never));
    upsert.run(rowValues({ ...row, alerts: 3 } as never));
    expect(db.prepare('SELECT * FROM delay_board').all()).toEqual([
      expect.objectContaining({
        order_id: 'o1',
        open: 1,
        origin: 'sao paulo/SP',
        route: 'SP->RJ',
        alerts: 3,
        processing_hours: 24,
        transit_hours: null,
        expected: null,
      }),
    ]);
    expect(JSON.parse((db.prepare('SELECT doc FROM delay_board').get() as { doc: string }).doc)).toEqual({ ...row, alerts: 3 });
  });
});
