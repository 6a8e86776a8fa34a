import { overtakenByEnd } from '@ot/domain';
import { deadLetterStale, notFound } from '@ot/http';
import type { NotifierDeps } from '../notifier.deps';

/**
 * A dead letter back to the queue, attempts reset, due now: what both re-drive routes (the notifier's and the
 * ops console's) do. One the journey has overtaken is refused (409 dead-letter-stale) and kept: "out for
 * delivery" re-driven after "delivered" would tell the customer something no longer true. Without a notifier in
 * the process (`deps` undefined) there is no dead letter to find.
 */
export async function redriveDeadLetter(
  deps: Pick<NotifierDeps, 'store' | 'clock'> | undefined,
  notificationId: string,
): Promise<{ notificationId: string; status: 'queued' }> {
  const missing = () => notFound('dead-letter-not-found', 'Dead letter not found', `no dead letter ${notificationId}`);
  const dead = deps && (await deps.store.deadLetters()).find((d) => d.notificationId === notificationId);
  if (!deps || !dead) throw missing();
  const order = await deps.store.orderContext(dead.orderId);
  if (order && overtakenByEnd(dead.kind, order.status)) {
    throw deadLetterStale(`order ${dead.orderId} is ${order.status}: its ${dead.kind} message would no longer be true`);
  }
  if (!(await deps.store.redrive(notificationId, deps.clock.now().toISOString()))) throw missing();
  return { notificationId, status: 'queued' };
}
