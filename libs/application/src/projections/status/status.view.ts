import type { AftercareView } from './aftercare.view';
import type { ActionView } from './customer-actions.view';
import { type CalendarDate, type DelayState, delayStateOf, type Instant, type Milestone, type PickupPoint, type Place, TERMINAL } from '@ot/domain';

export type TimelineEntry = {
  type: string;
  milestone?: Milestone;
  occurredAt: Instant;
  partner?: string;
  /** Arrived after a newer event had already moved the status: shown in history, status unmoved. */
  late: boolean;
  location?: Place;
  reason?: string;
  /** Customer actions (customer-actions.view.ts): which action, and its state after this entry. */
  actionId?: string;
  action?: string;
  state?: string;
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
  /** What the customer asked for and what the partners answered, in request order (absent until the first). */
  actions?: ActionView[];
  /** Compensation, return and storage extension (aftercare.view.ts); absent until one happens. */
  aftercare?: AftercareView;
  /** Stream version of the last event applied: replays at or below it are skipped. */
  version: number;
};

/**
 * How operators count orders: an open order by the domain's delay state (delayStateOf: on track, at
 * risk, late), a finished one as closed whatever its state (delivered late is history, not work).
 */
export const ORDER_HEALTHS = ['on-track', 'at-risk', 'late', 'closed'] as const;
export type OrderHealth = (typeof ORDER_HEALTHS)[number];

/** Read from the view's own delay facts, the ones GET /orders/:id shows (atRisk stands for the active delay, as in status.evolve). */
export function orderHealthOf(view: Pick<StatusView, 'status' | 'delay'>): OrderHealth {
  if (TERMINAL.has(view.status)) return 'closed';
  const state = delayStateOf({ status: view.status, delayActive: view.delay.atRisk, promiseBroken: view.delay.promiseBroken });
  return state === 'delivered-late' ? 'closed' : state;
}
