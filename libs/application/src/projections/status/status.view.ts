import type { CalendarDate, DelayState, Instant, Milestone, PickupPoint, Place } from '@ot/domain';

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
  /** Stream version of the last event applied: replays at or below it are skipped. */
  version: number;
};
