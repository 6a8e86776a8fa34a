import { Inject, Injectable } from '@nestjs/common';
import type { Clock, EtaViewReader, PartnerDirectory } from '@ot/application';
import { type ActionOffer, DEFAULT_DELAY_RULES, type ExistingOrder, firstRescheduleDay, localDateOf, offeredActions, type PartnerOffers } from '@ot/domain';
import { CLOCK, ETA_VIEW_STORE, PARTNER_DIRECTORY } from '../app.tokens';

/** What an order allows now and what the partners offer for it: GET /orders/:id/actions and the order summary say the same. */
@Injectable()
export class OrderActionOffers {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PARTNER_DIRECTORY) private readonly directory: PartnerDirectory,
    @Inject(ETA_VIEW_STORE) private readonly eta: EtaViewReader,
  ) {}

  async allowed(order: ExistingOrder): Promise<ActionOffer[]> {
    return offeredActions(order, await this.partnerOffers(order.orderId));
  }

  /** Offers are judged on the order's calendar day where the delay rules count days, from the live forecast's earliest day. */
  async partnerOffers(orderId: string): Promise<PartnerOffers> {
    const today = localDateOf(this.clock.now().getTime(), DEFAULT_DELAY_RULES.timeZone);
    return this.directory.offersFor(orderId, firstRescheduleDay(today, (await this.eta.get(orderId))?.window.earliest));
  }
}
