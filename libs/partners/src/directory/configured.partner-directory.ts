import type { PartnerDirectory } from '@ot/application';
import { addDays, type CalendarDate, type OfferedPickupPoint, type PartnerOffers } from '@ot/domain';

/**
 * The embedded default: the courier offers `daysOffered` days from the first day asked, Sundays
 * skipped (no Sunday rounds), and the pickup points are a configured list (PICKUP_POINTS). A
 * partner's live endpoint would implement the same port.
 */
export class ConfiguredPartnerDirectory implements PartnerDirectory {
  constructor(
    private readonly daysOffered: number,
    private readonly pickupPoints: readonly OfferedPickupPoint[],
  ) {}

  async offersFor(_orderId: string, firstDay: CalendarDate): Promise<PartnerOffers> {
    const days: CalendarDate[] = [];
    for (let day = firstDay; days.length < this.daysOffered; day = addDays(day, 1)) {
      if (new Date(`${day}T12:00:00Z`).getUTCDay() !== 0) days.push(day);
    }
    return { days, pickupPoints: this.pickupPoints };
  }
}

/** PICKUP_POINTS (`id=address;id=address`, checked by the configuration schema) as a list. */
export const pickupPointsFrom = (setting: string): OfferedPickupPoint[] =>
  setting.split(';').map((entry) => {
    const [pointId, address] = entry.split('=');
    return { pointId: pointId.trim(), address: address.trim() };
  });
