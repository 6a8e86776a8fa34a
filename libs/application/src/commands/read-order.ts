import { evolve, initialOrder, type Order, type OrderEvent, streamIdOf } from '@ot/domain';
import type { EventStore } from '../ports/event-store.port';

/** The decider's state of one order, folded from its stream: what a route checks before it sends a command. */
export async function readOrder(store: EventStore, orderId: string): Promise<Order> {
  const { events } = await store.readStream<OrderEvent>(streamIdOf(orderId));
  return events.reduce(evolve, initialOrder());
}
