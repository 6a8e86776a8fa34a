/**
 * The order lifecycle as a state machine over milestones. A milestone is the status an
 * order is in; each partner event moves the order to one milestone.
 */
export const MILESTONES = [
  'Placed',
  'PaymentApproved',
  'Packed',
  'HandedToCarrier',
  'InTransit',
  'OutForDelivery',
  'DeliveryAttemptFailed',
  'ArrivedAtPickupPoint',
  'PickedUp',
  'Delivered',
  'ReturnedToSender',
  'Canceled',
] as const;
export type Milestone = (typeof MILESTONES)[number];

export const TERMINAL: ReadonlySet<Milestone> = new Set(['PickedUp', 'Delivered', 'ReturnedToSender', 'Canceled']);

const BEFORE_HANDOVER: Milestone[] = ['Placed', 'PaymentApproved', 'Packed'];
const WITH_CARRIER: Milestone[] = ['HandedToCarrier', 'InTransit', 'OutForDelivery', 'DeliveryAttemptFailed'];

/**
 * Where each milestone may be reached from (for an event newer than the current status).
 * Partners skip scans, so forward jumps are allowed; going back is allowed only where it
 * happens in real logistics (a failed attempt goes back out or back in transit).
 */
const REACHABLE_FROM: Record<Milestone, readonly Milestone[]> = {
  Placed: [],
  PaymentApproved: ['Placed'],
  Packed: ['Placed', 'PaymentApproved'],
  HandedToCarrier: [...BEFORE_HANDOVER],
  InTransit: [...BEFORE_HANDOVER, ...WITH_CARRIER],
  OutForDelivery: [...BEFORE_HANDOVER, ...WITH_CARRIER, 'ArrivedAtPickupPoint'],
  DeliveryAttemptFailed: [...WITH_CARRIER],
  ArrivedAtPickupPoint: [...BEFORE_HANDOVER, ...WITH_CARRIER],
  PickedUp: ['ArrivedAtPickupPoint'],
  Delivered: [...BEFORE_HANDOVER, ...WITH_CARRIER, 'ArrivedAtPickupPoint'],
  ReturnedToSender: [...WITH_CARRIER, 'ArrivedAtPickupPoint'],
  Canceled: [...BEFORE_HANDOVER],
};

export function canMove(from: Milestone, to: Milestone): boolean {
  return REACHABLE_FROM[to].includes(from);
}
