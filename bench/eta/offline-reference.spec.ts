import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { etaModelTime } from '@ot/calendar';
import { epochOfLocal } from '@ot/domain';
import { type OlistOrder, readOlistOrders } from '@ot/replay';
import { offlineReference, REFERENCE, type ReferenceSettings, STAGES } from './offline-reference';

const DATA = join(__dirname, '../../../shared/data/olist-orders.csv');
const TZ = 'America/Sao_Paulo';
/** Small trees, a small first training: a fast run with several retrains on the file's first orders. */
const SMALL: ReferenceSettings = { ...REFERENCE, trees: { ...REFERENCE.trees, trees: 10, depth: 2 }, minRows: 100 };
const business = () => etaModelTime({ days: 'business', country: 'BR', timeZone: TZ });

/** The file as it stood at `cut` (local time): orders placed before it, without the steps that came after. */
function asOf(orders: readonly OlistOrder[], cut: string): OlistOrder[] {
  const before = (t: string | undefined): string | undefined => (t !== undefined && t < cut ? t : undefined);
  return orders
    .filter((o) => o.purchasedAt < cut)
    .map((o) => ({ ...o, approvedAt: before(o.approvedAt), handedToCarrierAt: before(o.handedToCarrierAt), deliveredAt: before(o.deliveredAt) }));
}

(existsSync(DATA) ? describe : describe.skip)('offline reference (first 2,500 orders of the shared file)', () => {
  const orders = readOlistOrders(DATA, 2500);
  const full = offlineReference(orders, TZ, business(), SMALL);

  it('forecasts once trained, each delivery after its stage started', () => {
    expect(full.placed.size).toBeGreaterThan(300);
    expect(full.handed.size).toBeGreaterThan(300);
    const started = new Map(orders.map((o) => [o.orderId, epochOfLocal(o.purchasedAt, TZ)]));
    for (const [id, at] of full.placed) expect(at).toBeGreaterThan(started.get(id)!);
  });

  it('looks nothing up ahead: a forecast is the same with the file cut right after it', () => {
    const cut = '2017-08-01T00:00:00';
    const past = offlineReference(asOf(orders, cut), TZ, business(), SMALL);
    for (const stage of STAGES) {
      const before = [...full[stage]].filter(([id]) => past[stage].has(id));
      expect(before.length).toBeGreaterThan(100);
      expect(new Map(before)).toEqual(past[stage]);
    }
  });
});
