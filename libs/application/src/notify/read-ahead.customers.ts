import type { NotifierOrderContext } from './order-context';

/** The customers a read-ahead reads: those named by the batch's events, then those of the deciding orders' stored contexts. */
export function customersToRead(contexts: ReadonlyMap<string, NotifierOrderContext>, orderIds: readonly string[], customerIds: readonly string[]): string[] {
  const deciding = new Set(orderIds);
  const ofOrders = [...contexts].flatMap(([orderId, c]) => (deciding.has(orderId) ? [c.customerId] : []));
  return [...new Set([...customerIds, ...ofOrders])];
}
