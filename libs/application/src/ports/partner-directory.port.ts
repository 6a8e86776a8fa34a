import type { CalendarDate, PartnerOffers } from '@ot/domain';

/** What the partners offer an order now: delivery days (courier) from `firstDay` on, and pickup points (pickup-point partner). */
export interface PartnerDirectory {
  offersFor(orderId: string, firstDay: CalendarDate): Promise<PartnerOffers>;
}
