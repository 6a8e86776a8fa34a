import { overtakenByEnd } from '@ot/domain';
import { notFound, ProblemException, problemType } from '@ot/http';
import type { NotifierDeps } from '../notifier.deps';

/**
 * A dead letter back to the queue, attempts reset, due now: what both re-drive routes (the notifier's and the
 * ops console's) do. One the journey has overtaken is refused (409 dead-letter-stale) and kept: "out for
 * delivery" re-driven after "delivered" would tell the customer something no longer true.
 */
export async function redriveDeadLetter(
  deps: Pick<NotifierDeps, 'store' | 'clock'>,
  notificationId: string,
): Promise<{ notificationId: string; status: 'queued' }> {
  const dead = (await deps.store.deadLetters()).find((d) => d.notificationId === notificationId);
  const order = dead && (await deps.store.orderContext(dead.orderId));
  if (dead && order && overtakenByEnd(dead.kind, order.status)) {
    throw new ProblemException({
      type: problemType('dead-letter-stale'),
      title: 'Dead letter overtaken by the order',
      status: 409,
      detail: `order ${dead.orderId} is ${order.status}: its ${dead.kind} message would no longer be true`,
    });
  }
  if (!dead || !(await deps.store.redrive(notificationId, deps.clock.now().toISOString()))) {
    throw notFound('dead-letter-not-found', 'Dead letter not found', `no dead letter ${notificationId}`);
  }
  return { notificationId, status: 'queued' };
}
