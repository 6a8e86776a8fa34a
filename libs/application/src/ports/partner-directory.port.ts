import type { CalendarDate, PartnerOffers } from '@ot/domain';

/** What the partners offer an order now: delivery days (courier) and pickup points (pickup-point partner). */
export interface PartnerDirectory {
  offersFor(orderId: string, today: CalendarDate): Promise<PartnerOffers>;
}
