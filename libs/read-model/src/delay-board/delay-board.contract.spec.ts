import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DelayBoardProjection, type BoardQuery, type DelayBoardStore, type RecordedEvent } from '@ot/application';
import type { OrderEvent } from '@ot/domain';
import { partnerEvent, placed } from '@ot/testing';
import Database from 'better-sqlite3';
import { DELAY_BOARD_SCHEMA } from './delay-board.schema';
import { SqliteDelayBoardStore } from './sqlite.delay-board.store';

/** Numbers events as the store would: per-stream versions and one global position. */
function recorded(...events: OrderEvent[]): RecordedEvent[] {
  const versions = new Map<string, number>();
  return events.map((event, i) => {
    const streamVersion = (versions.get(event.data.orderId) ?? 0) + 1;
    versions.set(event.data.orderId, streamVersion);
    return { ...event, streamId: `order-${event.data.orderId}`, streamVersion, globalPosition: i + 1, recordedAt: '2026-01-01T00:00:00.000Z' };
  });
}

const predicted = (orderId: string, reason: 'eta-beyond-promise' | 'no-scan-expected-by-now', newExpected: string, detectedAt: string): OrderEvent => ({
  type: 'DelayPredicted',
  data: { orderId, reason, newExpected, promisedBy: '2026-01-10', detectedAt },
});
const handed = (orderId: string, at = '2026-01-02T10:00:00.000Z') => partnerEvent('HandedToCarrier', at, { carrier: 'jadlog' }, { orderId });
const delivered = (orderId: string, at: string) => partnerEvent('Delivered', at, {}, { orderId });

/** Six orders, all promised for 2026-01-10 (promises are days in America/Sao_Paulo, UTC-3). */
const history = recorded(
  placed('on-time'),
  handed('on-time'),
  delivered('on-time', '2026-01-05T15:00:00.000Z'),
  placed('late'),
  handed('late'),
  predicted('late', 'eta-beyond-promise', '2026-01-12', '2026-01-06T03:00:00.000Z'),
  placed('silent', { destination: { state: 'MG', city: 'belo horizonte' } }),
  predicted('silent', 'no-scan-expected-by-now', '2026-01-09', '2026-01-04T03:00:00.000Z'),
  placed('broken'),
  handed('broken'),
  partnerEvent('OutForDelivery', '2026-01-09T09:00:00.000Z', {}, { orderId: 'broken' }),
  partnerEvent('InTransit', '2026-01-08T09:00:00.000Z', { location: { state: 'RJ' } }, { orderId: 'broken' }),
  { type: 'PromiseBroken', data: { orderId: 'broken', promisedBy: '2026-01-10', detectedAt: '2026-01-11T03:00:00.000Z' } },
  placed('false-alarm'),
  handed('false-alarm'),
  predicted('false-alarm', 'eta-beyond-promise', '2026-01-11', '2026-01-05T03:00:00.000Z'),
  delivered('false-alarm', '2026-01-08T15:00:00.000Z'),
  placed('missed'),
  handed('missed'),
  delivered('missed', '2026-01-12T15:00:00.000Z'),
  // the ETA pipeline judges a delivery after the promised day as a broken promise, as it does in production
  { type: 'PromiseBroken', data: { orderId: 'missed', promisedBy: '2026-01-10', detectedAt: '2026-01-12T15:00:00.000Z' } },
);

const tmp = mkdtempSync(join(tmpdir(), 'delay-board-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const adapters: [string, () => DelayBoardStore & { close(): Promise<void> }][] = [
  ['in-memory (:memory:)', () => new SqliteDelayBoardStore(':memory:')],
  ['sqlite file', () => new SqliteDelayBoardStore(join(tmp, `${Math.random()}.db`))],
];

const query = (q: Partial<BoardQuery> = {}): BoardQuery => ({ limit: 50, offset: 0, asOf: '2026-01-11T12:00:00.000Z', ...q });

describe.each(adapters)('delay board on the %s store', (_name, makeStore) => {
  let store: ReturnType<typeof makeStore>;
  let projection: DelayBoardProjection;
  beforeEach(() => {
    store = makeStore();
    projection = new DelayBoardProjection(store, 'America/Sao_Paulo');
  });
  afterEach(() => store.close());

  // the domain's states (delayStateOf): a predicted delay is at risk until the promised day passes; late is the promise broken
  it('gives each order the delay state ops must see', async () => {
    await projection.apply(history);
    const states = Object.fromEntries(
      await Promise.all(['on-time', 'late', 'silent', 'broken', 'false-alarm', 'missed'].map(async (id) => [id, (await store.get(id))?.delayState])),
    );
    expect(states).toEqual({
      'on-time': 'on-track',
      late: 'at-risk',
      silent: 'at-risk',
      broken: 'late',
      'false-alarm': 'on-track',
      missed: 'delivered-late',
    });
    expect(await store.get('broken')).toMatchObject({ stage: 'out-for-delivery', status: 'OutForDelivery', lateScans: 1, open: true, carrier: 'jadlog' });
    expect(await store.get('late')).toMatchObject({ expected: '2026-01-12', reason: 'eta-beyond-promise', alerts: 1, stage: 'in-transit' });
    expect(await store.checkpoint()).toBe(history.length);
  });

  it('changes nothing when the same events are applied again, and split batches give the same rows', async () => {
    await projection.apply(history.slice(0, 7));
    await projection.apply(history.slice(7));
    const once = JSON.stringify(await store.page(query({ includeClosed: true })));
    await projection.apply(history);
    expect(JSON.stringify(await store.page(query({ includeClosed: true })))).toBe(once);
    const whole = makeStore();
    await new DelayBoardProjection(whole, 'America/Sao_Paulo').apply(history);
    expect(JSON.stringify(await whole.page(query({ includeClosed: true })))).toBe(once);
    await whole.close();
  });

  it('counts the overview: open orders, each delay state, and deliveries of the day', async () => {
    await projection.apply(history);
    expect(await store.overview('2026-01-05')).toEqual({ open: 3, atRisk: 2, late: 1, deliveredToday: 1, asOfDay: '2026-01-05' });
  });

  it('lists the delayed orders of one route, filtered, sorted and counted by ageing', async () => {
    await projection.apply(history);
    const page = await store.page(query({ delayStates: ['at-risk', 'late'], originState: 'SP', destinationState: 'RJ', sort: 'promisedBy' }));
    expect(page.total).toBe(2);
    expect(page.items.map((r) => r.orderId)).toEqual(['broken', 'late']);
    // as of 01-11 12:00Z: 'late' in transit since 01-02 (9.1 days), 'broken' out for delivery since 01-09 09:00Z (2.1 days)
    expect(page.ageing).toEqual({ '0-1d': 0, '1-3d': 1, '3-7d': 0, '7d+': 1 });
    const aged = await store.page(query({ delayStates: ['at-risk', 'late'], destinationState: 'RJ', ageing: '7d+' }));
    expect(aged.items.map((r) => r.orderId)).toEqual(['late']);
    expect(aged.total).toBe(1);
    const paged = await store.page(query({ includeClosed: true, sort: 'placedAt', limit: 2, offset: 4 }));
    expect(paged.total).toBe(6);
    expect(paged.items).toHaveLength(2);
    const delivered = await store.page(query({ includeClosed: true, delivered: { from: '2026-01-08', to: '2026-01-12' } }));
    expect(delivered.items.map((r) => r.orderId).sort()).toEqual(['false-alarm', 'missed']);
  });

  it('shows where delays concentrate among open orders', async () => {
    await projection.apply(history);
    expect(await store.breakdown('route')).toEqual([
      { key: 'SP->RJ', open: 2, atRisk: 1, late: 1, delayed: 2 },
      { key: 'SP->MG', open: 1, atRisk: 1, late: 0, delayed: 1 },
    ]);
    expect((await store.breakdown('region')).map((r) => [r.key, r.delayed])).toEqual([['Southeast', 3]]);
  });

  it('judges on-time delivery by week and the alerts against what happened', async () => {
    await projection.apply(history);
    const t = await store.trends();
    expect(t.onTimeByWeek).toEqual([
      { week: '2026-01-05', delivered: 2, onTime: 2, rate: 1 },
      { week: '2026-01-12', delivered: 1, onTime: 0, rate: 0 },
    ]);
    expect(t.promiseVsActual).toEqual([
      { days: -5, orders: 1 },
      { days: -2, orders: 1 },
      { days: 2, orders: 1 },
    ]);
    expect(t.riskByDay).toEqual([
      { day: '2026-01-04', atRisk: 1, promiseBroken: 0 },
      { day: '2026-01-05', atRisk: 1, promiseBroken: 0 },
      { day: '2026-01-06', atRisk: 1, promiseBroken: 0 },
      { day: '2026-01-11', atRisk: 0, promiseBroken: 1 },
      { day: '2026-01-12', atRisk: 0, promiseBroken: 1 },
    ]);
    const m = await store.model();
    expect(m.alerts).toEqual({ raised: 3, ordersAlerted: 3, confirmed: 0, falseAlarms: 1, pending: 2, missedLate: 2, falseAlarmRate: 1 });
    // the false alarm announced 01-11 and came 01-08: one delivered order with an announced day, 3 days off
    expect(m.calibrationByWeek).toEqual([{ week: '2026-01-05', orders: 1, maeDays: 3, exactShare: 0, withinOneDayShare: 0 }]);
    expect(m.leadTimeDays).toEqual([
      { days: 4, orders: 1 },
      { days: 5, orders: 1 },
      { days: 6, orders: 1 },
    ]);
  });
});

describe('delay board file folded by an older rule', () => {
  it('is dropped on open, so the runner rebuilds it from the log with the current states', async () => {
    const path = join(tmp, 'old-rules.db');
    const old = new Database(path);
    old.exec(DELAY_BOARD_SCHEMA); // no version row: rows with the states of before (e.g. 'promise-broken')
    old.exec(`INSERT INTO delay_board_checkpoint (id, position) VALUES (1, 42)`);
    old.close();
    const store = new SqliteDelayBoardStore(path);
    expect(await store.checkpoint()).toBe(0);
    await new DelayBoardProjection(store, 'America/Sao_Paulo').apply(history);
    expect((await store.get('broken'))?.delayState).toBe('late');
    await store.close();
    const again = new SqliteDelayBoardStore(path); // same version: kept
    expect(await again.checkpoint()).toBe(history.length);
    await again.close();
  });
});
