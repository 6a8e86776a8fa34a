import { epochOfLocal } from '@ot/domain';
import type { OlistOrder } from './olist-order';

export type StepKind = 'placed' | 'approved' | 'handed' | 'delivered' | 'canceled';

/** One thing a partner reports about an order, at an instant (epoch ms). */
export type OrderStep = Readonly<{ order: OlistOrder; kind: StepKind; at: number; seq: number }>;

const LIFECYCLE: Record<StepKind, number> = { placed: 0, approved: 1, handed: 2, canceled: 3, delivered: 4 };
const HOUR_MS = 3_600_000;

/**
 * The partner reports an order's row turns into, in the order they happened. Olist rows carry
 * no cancellation time, so a cancellation is reported at the seller's hand-over deadline (when
 * a shop would give up), or an hour after the last known step if that deadline already passed
 * or lies beyond the promised day (some rows carry deadlines years ahead).
 * A row canceled after hand-over gets no cancellation: the lifecycle forbids it.
 */
export function orderSteps(order: OlistOrder, timeZone: string): OrderStep[] {
  const at = (local: string): number => epochOfLocal(local, timeZone);
  const steps: Array<{ kind: StepKind; at: number }> = [{ kind: 'placed', at: at(order.purchasedAt) }];
  if (order.approvedAt) steps.push({ kind: 'approved', at: at(order.approvedAt) });
  if (order.handedToCarrierAt) steps.push({ kind: 'handed', at: at(order.handedToCarrierAt) });
  if (order.deliveredAt) steps.push({ kind: 'delivered', at: at(order.deliveredAt) });
  if (order.status === 'canceled' && !order.handedToCarrierAt && !order.deliveredAt) {
    const last = Math.max(...steps.map((s) => s.at));
    const limit = order.shippingLimitAt ? at(order.shippingLimitAt) : Number.NEGATIVE_INFINITY;
    const deadline = limit <= at(`${order.promisedDate}T23:59:59`) ? limit : Number.NEGATIVE_INFINITY;
    steps.push({ kind: 'canceled', at: deadline > last ? deadline : last + HOUR_MS });
  }
  // placement always comes first: a row with an approval stamped before its purchase is reported after it
  const placedAt = steps[0].at;
  return steps
    .map((s) => ({ ...s, at: Math.max(s.at, placedAt) }))
    .sort((a, b) => a.at - b.at || LIFECYCLE[a.kind] - LIFECYCLE[b.kind])
    .map((s, seq) => ({ order, kind: s.kind, at: s.at, seq }));
}

/** Every step of every order in time order (ties keep each order's own sequence). */
export function timeline(orders: readonly OlistOrder[], timeZone: string): OrderStep[] {
  return orders.flatMap((o) => orderSteps(o, timeZone)).sort((a, b) => a.at - b.at || a.seq - b.seq);
}

/**
 * The seller's hand-over deadline of a placement step (epoch ms), kept at its distance from the
 * purchase so a replay shifted in time shifts it too; none when the row has none.
 */
export function handOverByOf(step: OrderStep, timeZone: string): number | undefined {
  const limit = step.order.shippingLimitAt;
  return limit === undefined ? undefined : step.at + epochOfLocal(limit, timeZone) - epochOfLocal(step.order.purchasedAt, timeZone);
}
