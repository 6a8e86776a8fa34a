import { MILESTONES, type Milestone } from '../order/milestone';
import { summarizeOrder, type OrderSummaryFacts } from './order-summary';

const NOW = '2026-11-30T15:00:00Z';
const TZ = 'America/Sao_Paulo';
const base = (status: Milestone, more: Partial<OrderSummaryFacts> = {}): OrderSummaryFacts => ({
  orderId: 'o-1',
  status,
  statusAt: '2026-11-28T13:00:00Z',
  promisedBy: '2026-12-04',
  delay: { isDelayed: false, promiseBroken: false },
  actions: [],
  ...more,
});
const en = (f: OrderSummaryFacts) => summarizeOrder(f, { language: 'en', timeZone: TZ, now: NOW });
const ru = (f: OrderSummaryFacts) => summarizeOrder(f, { language: 'ru', timeZone: TZ, now: NOW });

/** What a customer must read for each status, in each language (derived from the product's promise, not the code). */
const WHERE: Record<Milestone, [RegExp, RegExp]> = {
  Placed: [/has been placed/, /оформлен/],
  PaymentApproved: [/is paid/, /оплачен/],
  Packed: [/is packed/, /упакован/],
  HandedToCarrier: [/with the carrier/, /передан в службу доставки/],
  InTransit: [/on its way/, /в пути/],
  OutForDelivery: [/out for delivery today/, /доставка сегодня/],
  DeliveryAttemptFailed: [/could not deliver/, /не смог доставить/],
  ArrivedAtPickupPoint: [/waiting for you at the pickup point/, /ждёт вас в пункте выдачи/],
  PickedUp: [/was picked up on Saturday, November 28\.$/, /получен 28 ноября\.$/],
  Delivered: [/was delivered on Saturday, November 28\.$/, /доставлен 28 ноября\.$/],
  ReturnedToSender: [/going back to the sender/, /возвращается отправителю/],
  Canceled: [/has been canceled/, /отменён/],
};

describe('order summary', () => {
  it.each(MILESTONES.map((m) => [m]))('says where a %s order is, in English and Russian', (status) => {
    const facts = base(
      status,
      status === 'ArrivedAtPickupPoint' ? { pickupPoint: { pointId: 'p1', address: 'Rua A, 10', storageDeadline: '2026-12-05T21:00:00Z' } } : {},
    );
    expect(en(facts)).toMatch(WHERE[status][0]);
    expect(ru(facts)).toMatch(WHERE[status][1]);
    expect(en(facts)).toContain('o-1');
    expect(ru(facts)).toContain('o-1');
  });

  it('gives the ETA window, in words of each language (Russian collapses the range, months in the genitive)', () => {
    const facts = base('InTransit', { lastLocation: { city: 'sao paulo', state: 'SP' }, eta: { window: { earliest: '2026-12-03', latest: '2026-12-05' } } });
    expect(en(facts)).toBe(
      'Order o-1 is on its way, last seen in Sao Paulo, SP. We expect to deliver it between Thursday, December 3 and Saturday, December 5.',
    );
    expect(ru(facts)).toBe('Заказ o-1 в пути, последняя отметка: Sao Paulo, SP. Ожидаемые сроки доставки: 3–5 декабря.');
    const across = base('InTransit', { eta: { window: { earliest: '2026-11-30', latest: '2026-12-02' } } });
    expect(ru(across)).toContain('30 ноября – 2 декабря');
    const oneDay = base('Packed', { eta: { window: { earliest: '2027-01-04', latest: '2027-01-04' } } });
    expect(en(oneDay)).toContain('on Monday, January 4, 2027.');
    expect(ru(oneDay)).toMatch(/Ожидаемая дата доставки: 4 января 2027 г\.$/); // one full stop after the year's abbreviation
  });

  it('without a forecast, names the promised day', () => {
    expect(en(base('Placed'))).toContain('It should arrive by Friday, December 4.');
    expect(ru(base('Placed'))).toContain('Мы обещали доставить его до 4 декабря.');
  });

  it('says why a delayed order is late, with the advice of the notifier, and what the customer can do', () => {
    const facts = base('InTransit', {
      delay: { isDelayed: true, reason: 'lost', newExpected: '2026-12-08', promiseBroken: false },
      actions: ['accept-new-date', 'reschedule-delivery', 'switch-to-pickup-point'],
    });
    expect(en(facts)).toBe(
      'Order o-1 is on its way. We expect to deliver it on Tuesday, December 8. It is delayed because of the parcel going missing in transit; we are searching for it.' +
        ' Please contact our support team: we will help you choose a replacement or a refund.' +
        ' You can accept the new date, choose another delivery day, or switch to a pickup point on the order page.',
    );
    expect(ru(facts)).toBe(
      'Заказ o-1 в пути. Ожидаемая дата доставки: 8 декабря. Причина задержки: посылка потерялась в пути, мы её ищем.' +
        ' Пожалуйста, свяжитесь с нашей службой поддержки: мы поможем заменить заказ или вернуть деньги.' +
        ' На странице заказа вы можете согласиться с новой датой, выбрать другой день доставки или забрать заказ в пункте выдачи.',
    );
  });

  it.each([
    ['2026-11-29', '1 day', '1 день'],
    ['2026-11-27', '3 days', '3 дня'],
    ['2026-11-25', '5 days', '5 дней'],
    ['2026-11-09', '21 days', '21 день'],
    ['2026-11-08', '22 days', '22 дня'],
    ['2026-11-19', '11 days', '11 дней'],
  ])('counts how late a broken promise is with the right plural (promised %s)', (promisedBy, english, russian) => {
    const facts = base('InTransit', { promisedBy, delay: { isDelayed: true, promiseBroken: true } });
    expect(en(facts)).toContain(`it is now ${english} late.`);
    expect(ru(facts)).toContain(`сейчас он опаздывает на ${russian}.`);
  });

  it('never gives a window or a promise already gone by as when it will arrive', () => {
    const stale = base('InTransit', {
      promisedBy: '2026-11-20',
      eta: { window: { earliest: '2026-11-22', latest: '2026-11-24' } },
      delay: { isDelayed: true, promiseBroken: true },
    });
    expect(en(stale)).toBe('Order o-1 is on its way. We promised it by Friday, November 20; it is now 10 days late.');
    expect(en(base('Placed', { promisedBy: '2026-11-29' }))).toBe('Order o-1 has been placed and is waiting for payment confirmation.');
  });

  it('tells a pickup-point customer where and by when, in their zone', () => {
    const facts = base('ArrivedAtPickupPoint', { pickupPoint: { pointId: 'p1', address: 'Rua A, 10', storageDeadline: '2026-12-05T21:00:00Z' } });
    expect(en(facts)).toBe('Order o-1 is waiting for you at the pickup point at Rua A, 10. Please pick it up by December 5 at 6:00 PM.');
    expect(ru(facts)).toBe('Заказ o-1 ждёт вас в пункте выдачи по адресу Rua A, 10. Заберите его до 5 декабря в 18:00.');
  });

  it('says nothing about arrival, delay or actions once the order is closed', () => {
    const facts = base('Delivered', { delay: { isDelayed: false, promiseBroken: true }, actions: ['cancel'] });
    expect(en(facts)).toBe('Order o-1 was delivered on Saturday, November 28.');
  });
});
