import type { CalendarDate, Ev, Instant } from '../shared/event';
import type { AftercareEvent } from './aftercare';
import type { Milestone } from './milestone';
import type { CustomerActionAnswered, CustomerActionRequested } from './customer-action.events';

export const PARTNERS = ['warehouse', 'courier', 'pickup-point'] as const;
export type Partner = (typeof PARTNERS)[number];

export const DELAY_REASONS = ['weather', 'carrier', 'warehouse', 'address-problem', 'lost', 'other'] as const;
export type DelayReason = (typeof DELAY_REASONS)[number];

/** Why we predicted a delay: a partner told us, the ETA model moved past the promise, or the parcel went silent. */
export type PredictedDelayCause = DelayReason | 'eta-beyond-promise' | 'no-scan-expected-by-now';

export type Place = Readonly<{ zipPrefix?: string; city?: string; state?: string }>;
export type PickupPoint = Readonly<{ pointId: string; address: string; storageDeadline: Instant }>;

/** Fields every partner-reported event carries: who said it, their id for it, and when it happened. */
export type PartnerFacts = Readonly<{
  orderId: string;
  partner: Partner;
  partnerEventId: string;
  occurredAt: Instant;
}>;

export type OrderPlaced = Ev<
  'OrderPlaced',
  PartnerFacts & {
    customerId: string;
    promisedBy: CalendarDate;
    origin: Place;
    destination: Place;
    itemCount?: number;
    /** The seller or warehouse that ships it (Olist: seller_id): its own hand-over times are the ETA model's finest handoff group. */
    sellerId?: string;
    /** The product's category as the shop names it (Olist: product_category_name): the return rules read it. */
    productCategory?: string;
    /** The seller's deadline to hand the parcel to the carrier (Olist: shipping_limit_date): a feature of the hand-over forecast. */
    handOverBy?: Instant;
    /** The goods' value and the freight charged, in the shop's currency (Olist: price and freight_value summed): freight prices distance and weight. */
    priceTotal?: number;
    freightTotal?: number;
  }
>;
export type PaymentApproved = Ev<'PaymentApproved', PartnerFacts>;
export type OrderPacked = Ev<'OrderPacked', PartnerFacts>;
export type HandedToCarrier = Ev<'HandedToCarrier', PartnerFacts & { carrier?: string }>;
export type InTransit = Ev<'InTransit', PartnerFacts & { location: Place }>;
export type OutForDelivery = Ev<'OutForDelivery', PartnerFacts>;
export type DeliveryAttemptFailed = Ev<'DeliveryAttemptFailed', PartnerFacts & { reason: string }>;
export type ArrivedAtPickupPoint = Ev<'ArrivedAtPickupPoint', PartnerFacts & { pickupPoint: PickupPoint }>;
export type PickedUp = Ev<'PickedUp', PartnerFacts>;
export type Delivered = Ev<'Delivered', PartnerFacts>;
export type ReturnedToSender = Ev<'ReturnedToSender', PartnerFacts & { reason?: string }>;
export type OrderCanceled = Ev<'OrderCanceled', PartnerFacts & { reason?: string }>;
/** A partner reports an exception (storm, lost parcel...) without a status change. */
export type DelayReported = Ev<'DelayReported', PartnerFacts & { reason: DelayReason; detail?: string }>;

/** Facts the system itself concludes (ETA and delay reactors), appended through the decider so they are audited. */
export type DelayPredicted = Ev<
  'DelayPredicted',
  { orderId: string; reason: PredictedDelayCause; newExpected: CalendarDate; promisedBy: CalendarDate; detectedAt: Instant }
>;
export type DelayCleared = Ev<'DelayCleared', { orderId: string; newExpected: CalendarDate; clearedAt: Instant }>;
/** newExpected: the day shown when the promise broke (absent for a late delivery, and in events recorded before it was kept). */
export type PromiseBroken = Ev<'PromiseBroken', { orderId: string; promisedBy: CalendarDate; detectedAt: Instant; newExpected?: CalendarDate }>;
/** The predicted delivery day moved by a day or more. */
export type EtaRevised = Ev<'EtaRevised', { orderId: string; previousExpected: CalendarDate; newExpected: CalendarDate; revisedAt: Instant }>;

export type PartnerEvent =
  | OrderPlaced
  | PaymentApproved
  | OrderPacked
  | HandedToCarrier
  | InTransit
  | OutForDelivery
  | DeliveryAttemptFailed
  | ArrivedAtPickupPoint
  | PickedUp
  | Delivered
  | ReturnedToSender
  | OrderCanceled
  | DelayReported
  | CustomerActionAnswered;

export type SystemEvent = DelayPredicted | DelayCleared | PromiseBroken | EtaRevised;
export type OrderEvent = PartnerEvent | SystemEvent | CustomerActionRequested | AftercareEvent;
export type OrderEventType = OrderEvent['type'];

/** The milestone each status-moving partner event leads to (DelayReported and CustomerActionAnswered move none). */
export const MILESTONE_OF: Readonly<Partial<Record<PartnerEvent['type'], Milestone>>> = {
  OrderPlaced: 'Placed',
  PaymentApproved: 'PaymentApproved',
  OrderPacked: 'Packed',
  HandedToCarrier: 'HandedToCarrier',
  InTransit: 'InTransit',
  OutForDelivery: 'OutForDelivery',
  DeliveryAttemptFailed: 'DeliveryAttemptFailed',
  ArrivedAtPickupPoint: 'ArrivedAtPickupPoint',
  PickedUp: 'PickedUp',
  Delivered: 'Delivered',
  ReturnedToSender: 'ReturnedToSender',
  OrderCanceled: 'Canceled',
};

const PARTNER_EVENT_TYPES: ReadonlySet<string> = new Set([...Object.keys(MILESTONE_OF), 'DelayReported', 'CustomerActionAnswered']);
export function isPartnerEvent(e: OrderEvent): e is PartnerEvent {
  return PARTNER_EVENT_TYPES.has(e.type);
}

/** The system's own conclusions (delay reactor, ETA): not a partner's news, nor a customer's action. */
const SYSTEM_EVENT_TYPES: ReadonlySet<string> = new Set(['DelayPredicted', 'DelayCleared', 'PromiseBroken', 'EtaRevised']);
/** The ETA and delay reactors' own conclusions (not a partner's news, a customer's action or aftercare). */
export const isSystemEvent = (e: OrderEvent): e is SystemEvent => SYSTEM_EVENT_TYPES.has(e.type);

export const streamIdOf = (orderId: string): string => `order-${orderId}`;
