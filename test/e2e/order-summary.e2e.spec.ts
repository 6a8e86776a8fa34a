import type { Milestone } from '@ot/domain';
import { eventually } from '@ot/testing';
import { courier, newOrderId, orderPlaced, pickupPoint, warehouse } from './support/payloads';
import { startTestApp, type TestApp, tokenFor } from './support/test-app';

type Call = ['warehouse' | 'courier' | 'pickup-point', Record<string, unknown>];
const AT = (day: number, hour = 10) => `2026-01-0${day}T${String(hour).padStart(2, '0')}:00:00Z`;
const handed = (id: string): Call => ['courier', courier(id, 'PICKED_UP', AT(2))];
const arrived = (id: string): Call => [
  'pickup-point',
  pickupPoint(id, 'arrived', AT(4), { point: { id: 'P-7', address: 'Rua A, 1 - Rio de Janeiro' }, storageDeadline: '2026-01-11T23:59:00-03:00' }),
];

/** The webhooks that bring a new order to each status, and what its customer must read there, in English and Russian (times in the business zone, São Paulo). */
const JOURNEYS: Record<Milestone, [(id: string) => Call[], RegExp, RegExp]> = {
  Placed: [() => [], /has been placed and is waiting for payment confirmation\./, /оформлен и ждёт подтверждения оплаты\./],
  PaymentApproved: [(id) => [['warehouse', warehouse(id, 'payment.approved', AT(1, 11))]], /is paid and being prepared/, /оплачен, его собирают/],
  Packed: [(id) => [['warehouse', warehouse(id, 'order.packed', AT(1, 12))]], /is packed and waiting for the carrier/, /упакован и ждёт передачи/],
  HandedToCarrier: [(id) => [['warehouse', warehouse(id, 'parcel.handed_over', AT(2))]], /is with the carrier/, /передан в службу доставки/],
  InTransit: [
    (id) => [handed(id), ['courier', courier(id, 'IN_TRANSIT', AT(3), { location: { city: 'Campinas', state: 'SP' } })]],
    /is on its way, last seen in Campinas, SP\./,
    /в пути, последняя отметка: Campinas, SP\./,
  ],
  OutForDelivery: [(id) => [handed(id), ['courier', courier(id, 'OUT_FOR_DELIVERY', AT(4))]], /is out for delivery today\./, /у курьера, доставка сегодня\./],
  DeliveryAttemptFailed: [
    (id) => [handed(id), ['courier', courier(id, 'ATTEMPT_FAILED', AT(4), { reason: 'nobody home' })]],
    /could not deliver order .+ \(courier's note: nobody home\) and will try again\./,
    /не смог доставить заказ .+ \(комментарий курьера: nobody home\)/,
  ],
  ArrivedAtPickupPoint: [
    (id) => [handed(id), arrived(id)],
    /at the pickup point at Rua A, 1 - Rio de Janeiro\. Please pick it up by January 11 at 11:59 PM\./,
    /в пункте выдачи по адресу Rua A, 1 - Rio de Janeiro\. Заберите его до 11 января в 23:59\./,
  ],
  PickedUp: [
    (id) => [handed(id), arrived(id), ['pickup-point', pickupPoint(id, 'picked_up', AT(5))]],
    /was picked up on Monday, January 5\.$/,
    /получен 5 января\.$/,
  ],
  Delivered: [(id) => [handed(id), ['courier', courier(id, 'DELIVERED', AT(5))]], /was delivered on Monday, January 5\.$/, /доставлен 5 января\.$/],
  ReturnedToSender: [(id) => [handed(id), ['courier', courier(id, 'RETURNED_TO_SENDER', AT(5))]], /is going back to the sender/, /возвращается отправителю/],
  Canceled: [(id) => [['warehouse', warehouse(id, 'order.canceled', AT(1, 13))]], /has been canceled/, /отменён/],
};

/** GET /orders/:id/summary over HTTP for an order in every status, in both languages (status e2e on the real webhooks). */
describe('GET /orders/:id/summary for every status', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each(Object.keys(JOURNEYS) as Milestone[])('says where a %s order is, in English and in Russian', async (status) => {
    const [calls, english, russian] = JOURNEYS[status];
    const orderId = newOrderId();
    expect((await t.webhook('warehouse', orderPlaced(orderId, 'c-sum'))).statusCode).toBe(202);
    for (const [partner, body] of calls(orderId)) expect((await t.webhook(partner, body)).statusCode).toBe(202);
    const summary = (lang: string) =>
      eventually(async () => {
        const res = await t.app.inject({
          method: 'GET',
          url: `/orders/${orderId}/summary?lang=${lang}`,
          headers: { authorization: `Bearer ${tokenFor('c-sum')}` },
        });
        expect((await t.getOrder(orderId, tokenFor('c-sum'))).json().status).toBe(status);
        return res.json().summary as string;
      });
    expect(await summary('en')).toMatch(english);
    expect(await summary('ru')).toMatch(russian);
  });
});
