import type { AftercareView } from './aftercare.view';
import { type CalendarDate, type DelayState, type Instant, type Milestone, type PickupPoint, type Place, TERMINAL } from '@ot/domain';

export type TimelineEntry = {
  type: string;
  milestone?: Milestone;
  occurredAt: Instant;
  partner?: string;
  /** Arrived after a newer event had already moved the status: shown in history, status unmoved. */
  late: boolean;
  location?: Place;
  reason?: string;
};

/** Derived by the domain's delayFlagsOf from the recorded facts (delay predicted, promise broken, status). */
export type DelayView = {
  state: DelayState;
  isDelayed: boolean;
  atRisk: boolean;
  reason?: string;
  newExpected?: CalendarDate;
  promiseBroken: boolean;
};

/** What GET /orders/:id serves: one document per order, versioned by the order stream. */
export type StatusView = {
  orderId: string;
  customerId: string;
  status: Milestone;
  statusAt: Instant;
  placedAt: Instant;
  promisedBy: CalendarDate;
  origin: Place;
  destination: Place;
  lastLocation?: Place;
  pickupPoint?: PickupPoint;
  timeline: TimelineEntry[];
  delay: DelayView;
  /** Compensation, return and storage extension (aftercare.view.ts); absent until one happens. */
  aftercare?: AftercareView;
  /** Stream version of the last event applied: replays at or below it are skipped. */
  version: number;
};

/** How operators count orders: finished, or open and late (promise broken), delayed, at risk or on track. */
export const ORDER_HEALTHS = ['closed', 'late', 'delayed', 'at-risk', 'on-track'] as const;
export type OrderHealth = (typeof ORDER_HEALTHS)[number];

/** Read from the view's own delay facts, the ones GET /orders/:id shows; the most serious one wins. */
export function orderHealthOf(view: StatusView): OrderHealth {
  if (TERMINAL.has(view.status)) return 'closed';
  if (view.delay.promiseBroken) return 'late';
  if (view.delay.isDelayed) return 'delayed';
  return view.delay.atRisk ? 'at-risk' : 'on-track';
}
