import { epochOfLocal } from '@ot/domain';
import { type OlistOrder, orderSteps } from '@ot/replay';
import { journeyOrders } from './journey-orders';

const ZONE = 'America/Sao_Paulo';
const at = (local: string): number => epochOfLocal(local, ZONE);
const place = { zip: '01310', city: 'sao paulo', state: 'SP' };
const row = (orderId: string, extra: Partial<OlistOrder>): OlistOrder => ({
  orderId,
  customerId: `c-${orderId}`,
  status: 'delivered',
  purchasedAt: '2017-06-01T10:00:00',
  promisedDate: '2017-06-10',
  customer: place,
  seller: place,
  ...extra,
});

describe('journeyOrders', () => {
  it('keeps only what the service accepted: a rejected hand-over is no hand-over, a rejected placement no order', () => {
    const delivered = row('d', { approvedAt: '2017-06-01T11:00:00', handedToCarrierAt: '2017-06-03T09:00:00', deliveredAt: '2017-06-12T15:00:00' });
    const rejectedHandOver = row('h', { handedToCarrierAt: '2017-06-02T09:00:00', deliveredAt: '2017-06-08T09:00:00' });
    const canceled = row('c', { status: 'canceled', shippingLimitAt: '2017-06-05T10:00:00' });
    const neverPlaced = row('x', { handedToCarrierAt: '2017-06-02T09:00:00' });
    const accepted = [delivered, rejectedHandOver, canceled, neverPlaced]
      .flatMap((o) => orderSteps(o, ZONE))
      .filter((s) => !(s.order.orderId === 'h' && s.kind === 'handed') && !(s.order.orderId === 'x' && s.kind === 'placed'));
    expect(journeyOrders(accepted)).toEqual([
      {
        orderId: 'd',
        placedAt: at('2017-06-01T10:00:00'),
        promisedDate: '2017-06-10',
        handedAt: at('2017-06-03T09:00:00'),
        deliveredAt: at('2017-06-12T15:00:00'),
        canceled: false,
      },
      { orderId: 'h', placedAt: at('2017-06-01T10:00:00'), promisedDate: '2017-06-10', deliveredAt: at('2017-06-08T09:00:00'), canceled: false },
      // a cancellation is reported at the seller's hand-over deadline (libs/replay order-steps)
      { orderId: 'c', placedAt: at('2017-06-01T10:00:00'), promisedDate: '2017-06-10', canceled: true },
    ]);
  });
});
