import { Inject, Injectable } from '@nestjs/common';
import { mayAccess } from '@ot/access';
import { type EventStore, readOrder } from '@ot/application';
import { DomainError, type ExistingOrder } from '@ot/domain';
import { forbidden, type RequestWithPrincipal } from '@ot/http';
import { EVENT_STORE } from '../app.tokens';

/**
 * Whether the order's customer link (libs/access order-link.token.ts) may use a route besides the
 * order's customer and ops: `open` where the customer page /t/:token offers it (delay actions),
 * `closed` where it does not (returns, storage extension), so a forwarded link cannot do more than the page.
 */
export type OrderLinkRule = 'open' | 'closed';

/**
 * The owner rule of every route that acts on one order, on the order's own stream (not the status
 * view, which may lag the request that follows a scan). A missing or someone else's order answers
 * 404, as GET /orders/:id does, so ids cannot be probed; the order's own link on a closed route, 403.
 */
@Injectable()
export class OrderOwner {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The order, when the caller may act on it. */
  async ownOrder(request: RequestWithPrincipal, orderId: string, links: OrderLinkRule): Promise<ExistingOrder> {
    const order = await readOrder(this.store, orderId);
    const who = request.principal;
    if (!order.exists || !who || !mayAccess(who, order.customerId, orderId))
      throw new DomainError('ORDER_NOT_FOUND', `order ${orderId} is unknown`, { orderId });
    if (who.role === 'order-link' && links === 'closed') throw forbidden("an order link may not use this route: sign in as the order's customer");
    return order;
  }
}
