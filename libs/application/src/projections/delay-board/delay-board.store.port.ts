import type { CalendarDate, DelayState, Instant } from '@ot/domain';
import type { CheckpointAnchoring } from '../checkpoint-anchor';
import type { ViewCommitListener } from '../../ports/status-view.store';
import type { BoardDoc } from './delay-board.evolve';
import type { BoardStage } from './delay-board.row';

export const BOARD_SORT_KEYS = ['placedAt', 'promisedBy', 'expected', 'stageSince', 'lastScanAt', 'delayState', 'stage', 'carrier', 'route'] as const;
export type BoardSortKey = (typeof BOARD_SORT_KEYS)[number];
export const BREAKDOWN_KEYS = ['stage', 'route', 'region', 'origin', 'carrier'] as const;
export type BreakdownKey = (typeof BREAKDOWN_KEYS)[number];
/** Days in the current stage, as ops triage them. */
export const AGEING_BUCKETS = ['0-1d', '1-3d', '3-7d', '7d+'] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

export type BoardQuery = Readonly<{
  /** Open orders only (default), or closed ones too. */
  includeClosed?: boolean;
  /** These orders only (the live page re-reading the rows it shows). */
  orderIds?: readonly string[];
  delayStates?: readonly DelayState[];
  stages?: readonly BoardStage[];
  carrier?: string;
  originState?: string;
  destinationState?: string;
  reason?: string;
  /** Calendar-day ranges, inclusive. */
  placed?: DayRange;
  handed?: DayRange;
  delivered?: DayRange;
  ageing?: AgeingBucket;
  sort?: BoardSortKey;
  descending?: boolean;
  limit: number;
  offset: number;
  /** Now, for the ageing buckets. */
  asOf: Instant;
}>;
export type DayRange = Readonly<{ from?: CalendarDate; to?: CalendarDate }>;

export type BoardPage = { total: number; items: BoardDoc[]; ageing: Record<AgeingBucket, number> };

/** Open orders by delay state (late: the promise is broken), and today's deliveries. */
export type BoardOverview = { open: number; atRisk: number; late: number; deliveredToday: number; asOfDay: CalendarDate };

export type BoardTrends = {
  onTimeByWeek: { week: CalendarDate; delivered: number; onTime: number; rate: number }[];
  riskByDay: { day: CalendarDate; atRisk: number; promiseBroken: number }[];
  durationsByWeek: { week: CalendarDate; processingHours: number | null; transitHours: number | null }[];
  /** Delivered day minus promised day: negative is early. */
  promiseVsActual: { days: number; orders: number }[];
  stages: { stage: BoardStage; orders: number }[];
};

export type BreakdownRow = { key: string; open: number; atRisk: number; late: number; delayed: number };

export type ModelFigures = {
  /** Delivered orders whose expected day was announced in the log: mean absolute error in days, by delivery week. */
  calibrationByWeek: { week: CalendarDate; orders: number; maeDays: number; exactShare: number; withinOneDayShare: number }[];
  /** Promised day minus the day of the first alert, for alerted orders. */
  leadTimeDays: { days: number; orders: number }[];
  alerts: { raised: number; ordersAlerted: number; confirmed: number; falseAlarms: number; pending: number; missedLate: number; falseAlarmRate: number | null };
};

/**
 * The delay board's rows and checkpoint (SQLite in @ot/read-model; ':memory:' for EVENT_STORE=memory).
 * Rows and checkpoint commit in one transaction; every read answers from indexed columns.
 */
export interface DelayBoardStore {
  get(orderId: string): Promise<BoardDoc | undefined>;
  commit(rows: readonly BoardDoc[], checkpoint: number): Promise<void>;
  checkpoint(): Promise<number>;
  /** Where the file keeps its checkpoint's anchor (a store that outlives the process). */
  readonly anchoring?: CheckpointAnchoring;
  onCommit(listener: ViewCommitListener): () => void;
  page(query: BoardQuery): Promise<BoardPage>;
  overview(today: CalendarDate): Promise<BoardOverview>;
  trends(): Promise<BoardTrends>;
  breakdown(by: BreakdownKey): Promise<BreakdownRow[]>;
  model(): Promise<ModelFigures>;
}
