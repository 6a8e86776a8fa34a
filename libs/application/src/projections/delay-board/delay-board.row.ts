import type { CalendarDate, DelayState, Instant, Milestone } from '@ot/domain';

/** Where the parcel is, in the words ops use (coarser than the milestone). */
export const BOARD_STAGES = ['waiting-for-handoff', 'in-transit', 'at-pickup-point', 'out-for-delivery', 'delivered', 'canceled', 'returned'] as const;
export type BoardStage = (typeof BOARD_STAGES)[number];

/** The domain's delay states (delayStateOf; late means the promise is broken): a Record, so a state the domain adds must be listed. */
const STATES: Readonly<Record<DelayState, true>> = { 'on-track': true, 'at-risk': true, late: true, 'delivered-late': true };
/** The API's filter values and OpenAPI enum. */
export const DELAY_STATES = Object.keys(STATES) as readonly DelayState[];

/** One order on the ops delay board: everything the list filters, sorts and groups on, from the log alone. */
export type BoardRow = {
  orderId: string;
  customerId: string;
  /** Stream version last folded: replays at or below it change nothing. */
  version: number;
  status: Milestone;
  stage: BoardStage;
  open: boolean;
  stageSince: Instant;
  lastScanAt: Instant;
  placedAt: Instant;
  handedAt?: Instant;
  deliveredAt?: Instant;
  closedAt?: Instant;
  promisedBy: CalendarDate;
  /** The expected day last announced in the log (DelayPredicted, DelayCleared, EtaRevised). */
  expected?: CalendarDate;
  delayActive: boolean;
  reason?: string;
  promiseBroken: boolean;
  promiseBrokenAt?: Instant;
  /** DelayPredicted events: each is an alert the notifier may turn into messages. */
  alerts: number;
  firstAlertAt?: Instant;
  originState: string;
  originCity: string;
  destinationState: string;
  destinationRegion: string;
  carrier: string;
  partner: string;
  lateScans: number;
  delayState: DelayState;
};
