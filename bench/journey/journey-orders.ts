import type { OlistOrder, OrderStep } from '@ot/replay';
import type { JourneyOrder } from './journey.metrics';

/** The facts of each order the service accepted a placement for, from the steps it accepted. */
export function journeyOrders(accepted: readonly OrderStep[]): JourneyOrder[] {
  const byOrder = new Map<string, Partial<Record<OrderStep['kind'], number>> & { order: OlistOrder }>();
  for (const s of accepted) {
    const facts = byOrder.get(s.order.orderId) ?? { order: s.order };
    facts[s.kind] = s.at;
    byOrder.set(s.order.orderId, facts);
  }
  return [...byOrder.values()]
    .filter((f) => f.placed !== undefined)
    .map((f) => ({
      orderId: f.order.orderId,
      placedAt: f.placed as number,
      promisedDate: f.order.promisedDate,
      ...(f.handed !== undefined && { handedAt: f.handed }),
      ...(f.delivered !== undefined && { deliveredAt: f.delivered }),
      canceled: f.canceled !== undefined,
    }));
}
