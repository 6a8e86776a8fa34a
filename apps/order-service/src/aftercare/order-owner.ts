import { Inject, Injectable } from '@nestjs/common';
import { mayAccess } from '@ot/access';
import type { EventStore } from '@ot/application';
import { DomainError, type OrderPlaced, streamIdOf } from '@ot/domain';
import type { RequestWithPrincipal } from '@ot/http';
import { EVENT_STORE } from '../app.tokens';

/**
 * The owner rule on the order's own stream (not the status view, which may lag the request that
 * follows a scan): someone else's order answers 404, as GET /orders/:id does, so ids cannot be probed.
 */
@Injectable()
export class OrderOwner {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The order as placed, when the caller may act on it. */
  async placedOrder(request: RequestWithPrincipal, orderId: string): Promise<OrderPlaced['data']> {
    const { events } = await this.store.readStream(streamIdOf(orderId));
    const placed = events[0];
    if (placed?.type !== 'OrderPlaced' || !request.principal || !mayAccess(request.principal, placed.data.customerId)) {
      throw new DomainError('ORDER_NOT_FOUND', `order ${orderId} is unknown`, { orderId });
    }
    return placed.data;
  }
}
