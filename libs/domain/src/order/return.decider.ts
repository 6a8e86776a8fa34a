import { DomainError } from '../shared/domain-error';
import type { Cmd, Ev, Instant } from '../shared/event';
import { refused } from './refusal';
import type { ExistingOrder } from './order.state';
import { type RefundMethod, type ReturnMethod, type ReturnReason, returnRefusal, type ReturnRefusal, type ReturnRules } from './return.policy';

type Base = { orderId: string; requestId: string; occurredAt: Instant };
export type ReturnRequested = Ev<'ReturnRequested', Base & { reason: ReturnReason; note?: string; method: ReturnMethod }>;
export type ReturnApproved = Ev<'ReturnApproved', Base>;
export type ReturnRejected = Ev<'ReturnRejected', Base & ReturnRefusal>;
/** The customer dropped the parcel at a pickup point or gave it to the courier. */
export type ReturnHandedOver = Ev<'ReturnHandedOver', Base>;
export type ReturnReceived = Ev<'ReturnReceived', Base>;
export type RefundIssued = Ev<'RefundIssued', Base & { amount: number; currency: string; method: RefundMethod }>;
export type ReturnEvent = ReturnRequested | ReturnApproved | ReturnRejected | ReturnHandedOver | ReturnReceived | RefundIssued;

/** The rules and the order's category come in the command: the decider reads no configuration. */
export type RequestReturn = Cmd<'RequestReturn', ReturnRequested['data'] & { rules: ReturnRules }>;
/** A later stage, reported by ops (or a partner) for the open return. */
export type RecordReturnStage = Cmd<'RecordReturnStage', { orderId: string; event: ReturnHandedOver | ReturnReceived | RefundIssued }>;
export type ReturnCommand = RequestReturn | RecordReturnStage;

export const RETURN_STAGES = ['requested', 'approved', 'rejected', 'handed-over', 'received', 'refunded'] as const;
export type ReturnStage = (typeof RETURN_STAGES)[number];
/** The return's request as asked (a retry must ask the same) and how far it has come. */
export type ReturnState = Readonly<{ requestId: string; reason: ReturnReason; method: ReturnMethod; stage: ReturnStage }>;

export const STAGE_OF: Readonly<Record<ReturnEvent['type'], ReturnStage>> = {
  ReturnRequested: 'requested',
  ReturnApproved: 'approved',
  ReturnRejected: 'rejected',
  ReturnHandedOver: 'handed-over',
  ReturnReceived: 'received',
  RefundIssued: 'refunded',
};
/** Each later stage follows exactly one. */
const FOLLOWS: Readonly<Record<RecordReturnStage['data']['event']['type'], ReturnStage>> = {
  ReturnHandedOver: 'approved',
  ReturnReceived: 'handed-over',
  RefundIssued: 'received',
};
const RETURNABLE_FROM = new Set(['Delivered', 'PickedUp']);

export function decideReturn(command: ReturnCommand, order: ExistingOrder): ReturnEvent[] {
  const current = order.aftercare?.return;
  if (command.type === 'RequestReturn') {
    const { rules, ...request } = command.data;
    if (current?.requestId === request.requestId) {
      if (current.reason === request.reason && current.method === request.method) return []; // the customer's retry
      throw new DomainError(
        'REQUEST_ID_CONFLICT',
        `request id ${request.requestId} was already used on order ${request.orderId} for a return (${current.reason}, ${current.method})`,
        {
          orderId: request.orderId,
          requestId: request.requestId,
        },
      );
    }
    if (!RETURNABLE_FROM.has(order.status)) throw refused(order.orderId, `an order that is ${order.status} cannot be returned`);
    if (current && current.stage !== 'rejected') throw refused(order.orderId, `a return is already ${current.stage}`);
    const refusal = returnRefusal(rules, Date.parse(order.statusAt), Date.parse(request.occurredAt), categoryOf(order));
    const base = { orderId: request.orderId, requestId: request.requestId, occurredAt: request.occurredAt };
    return [
      { type: 'ReturnRequested', data: request },
      refusal ? { type: 'ReturnRejected', data: { ...base, ...refusal } } : { type: 'ReturnApproved', data: base },
    ];
  }
  const { event } = command.data;
  if (!current || current.requestId !== event.data.requestId) throw refused(order.orderId, `no return ${event.data.requestId}`);
  if (current.stage === STAGE_OF[event.type]) return []; // reported twice
  if (current.stage !== FOLLOWS[event.type])
    throw refused(order.orderId, `the return is ${current.stage}; ${STAGE_OF[event.type]} must follow ${FOLLOWS[event.type]}`);
  return [event];
}

/** Every later stage follows a ReturnRequested of the same request id (decideReturn refuses the rest), so `previous` is there. */
export function evolveReturn(event: ReturnEvent, previous: ReturnState | undefined): ReturnState {
  const stage = STAGE_OF[event.type];
  if (event.type === 'ReturnRequested') return { requestId: event.data.requestId, reason: event.data.reason, method: event.data.method, stage };
  return { ...previous!, requestId: event.data.requestId, stage };
}

function categoryOf(order: ExistingOrder): string | undefined {
  for (const e of order.seen.values()) if (e.type === 'OrderPlaced') return e.data.productCategory;
  return undefined;
}
