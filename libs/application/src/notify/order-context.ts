import { isStale, MILESTONE_OF, type Milestone, type OrderContext, type OrderEvent } from '@ot/domain';

/**
 * What the notifier remembers about an order between events: who to tell and where the order stands
 * (the policy drops late scans by comparing with statusAt). It is the policy's OrderContext.
 */
export type NotifierOrderContext = OrderContext;

/** Folds one event into the context; events before OrderPlaced leave it undefined (no customer to tell). */
export function evolveOrderContext(ctx: NotifierOrderContext | undefined, event: OrderEvent): NotifierOrderContext | undefined {
  if (event.type === 'OrderPlaced') {
    const { orderId, customerId, promisedBy, occurredAt } = event.data;
    return { ...ctx, orderId, customerId, promisedBy, status: 'Placed', statusAt: occurredAt };
  }
  if (!ctx) return undefined;
  const milestone = (MILESTONE_OF as Partial<Record<string, Milestone>>)[event.type];
  const occurredAt = 'occurredAt' in event.data ? event.data.occurredAt : undefined;
  const next = event.type === 'ArrivedAtPickupPoint' ? { ...ctx, pickupPoint: event.data.pickupPoint } : ctx;
  // A late scan (older than what we know) does not move the status back, as in the status projection.
  if (!milestone || !occurredAt || (ctx.statusAt && isStale(occurredAt, ctx.statusAt))) return next;
  return { ...next, status: milestone, statusAt: occurredAt };
}
