import type { OrderEvent } from '../order/order.events';
import type { SentNotification } from './frequency-cap.policy';
import { decideNotificationOutcome, decideNotifications, type NotificationPolicyInput } from './notification.policy';
import type { OrderContext } from './notification.triggers';
import type { CustomerPreferences, NotificationKind, SendNotification } from './notification.types';

const ALL_CHANNELS = ['push', 'sms', 'email'] as const;
const customer: CustomerPreferences = {
  customerId: 'c1',
  language: 'en',
  timeZone: 'Europe/Moscow',
  quietHours: { start: '22:00', end: '08:00' },
  channels: Object.fromEntries(
    [
      'shipped',
      'out-for-delivery',
      'delivery-attempt-failed',
      'at-pickup-point',
      'delivered',
      'canceled',
      'returned',
      'delay-predicted',
      'promise-broken',
      'delay-cleared',
      'eta-changed',
    ].map((k) => [k, ALL_CHANNELS]),
  ),
  contacts: { deviceTokens: ['tok-1'], phone: '+79990000000', email: 'c1@example.com' },
};
const order: OrderContext = { orderId: 'o1', customerId: 'c1', promisedBy: '2026-11-30' };
const NOON_MSK = '2026-11-23T09:00:00.000Z';
const partner = { orderId: 'o1', partner: 'courier' as const, partnerEventId: 'p1', occurredAt: NOON_MSK };

/** given(customer, sent log, order).when(event, at).then(notifications) */
function given(preferences: CustomerPreferences = customer, sent: SentNotification[] = [], ctx: OrderContext = order) {
  return {
    when(event: OrderEvent, now = NOON_MSK, eventId: string | number = 42, options?: NotificationPolicyInput['options']) {
      const decided = decideNotifications({ event, eventId, order: ctx, preferences, sent, now, options });
      return {
        then: (expected: Partial<SendNotification>[]) => expect(decided).toEqual(expected.map((e) => expect.objectContaining(e))),
        thenNothing: () => expect(decided).toEqual([]),
      };
    },
  };
}

describe('notification policy: which events notify', () => {
  it.each<[OrderEvent, NotificationKind, boolean]>([
    [{ type: 'HandedToCarrier', data: partner }, 'shipped', false],
    [{ type: 'OutForDelivery', data: partner }, 'out-for-delivery', true],
    [{ type: 'DeliveryAttemptFailed', data: { ...partner, reason: 'nobody home' } }, 'delivery-attempt-failed', true],
    [{ type: 'Delivered', data: partner }, 'delivered', false],
    [{ type: 'PickedUp', data: partner }, 'delivered', false],
    [{ type: 'OrderCanceled', data: partner }, 'canceled', false],
    [{ type: 'ReturnedToSender', data: partner }, 'returned', false],
    [{ type: 'PromiseBroken', data: { orderId: 'o1', promisedBy: '2026-11-20', detectedAt: NOON_MSK } }, 'promise-broken', false],
    [{ type: 'DelayCleared', data: { orderId: 'o1', newExpected: '2026-11-25', clearedAt: NOON_MSK } }, 'delay-cleared', false],
  ])('given %j, then a %s notification (urgent: %s)', (event, kind, urgent) => {
    given()
      .when(event)
      .then([{ kind, urgent, orderId: 'o1', customerId: 'c1', channels: ['push', 'sms', 'email'] }]);
  });

  it.each<OrderEvent>([
    { type: 'OrderPlaced', data: { ...partner, customerId: 'c1', promisedBy: '2026-11-30', origin: {}, destination: {} } },
    { type: 'PaymentApproved', data: partner },
    { type: 'OrderPacked', data: partner },
    { type: 'InTransit', data: { ...partner, location: { city: 'Tver' } } },
    { type: 'DelayReported', data: { ...partner, reason: 'weather' } },
  ])('given %j, then nothing', (event) => {
    given().when(event).thenNothing();
  });

  it('says where and until when for a pickup point', () => {
    const pickupPoint = { pointId: 'pp1', address: 'Tverskaya 1', storageDeadline: '2026-11-30T15:00:00.000Z' };
    given()
      .when({ type: 'ArrivedAtPickupPoint', data: { ...partner, pickupPoint } })
      .then([
        {
          kind: 'at-pickup-point',
          facts: { orderId: 'o1', status: 'ArrivedAtPickupPoint', pickupPoint: { address: 'Tverskaya 1', storageDeadline: '2026-11-30T15:00:00.000Z' } },
        },
      ]);
  });

  it('carries the delay reason and the new date', () => {
    given()
      .when({ type: 'DelayPredicted', data: { orderId: 'o1', reason: 'weather', newExpected: '2026-12-02', promisedBy: '2026-11-30', detectedAt: NOON_MSK } })
      .then([{ kind: 'delay-predicted', facts: { orderId: 'o1', reason: 'weather', newExpected: '2026-12-02', promisedBy: '2026-11-30' } }]);
  });

  describe('a revised ETA', () => {
    const revised = (previousExpected: string, newExpected: string, revisedAt = NOON_MSK): OrderEvent => ({
      type: 'EtaRevised',
      data: { orderId: 'o1', previousExpected, newExpected, revisedAt },
    });
    const told = (toldExpected: string, toldAt?: string) => ({ ...order, toldExpected, ...(toldAt ? { toldAt } : {}) });
    const DEC_1 = '2026-12-01T09:00:00.000Z';

    it('is told, from the date the customer was told, only when it moves by a day or more from it (promise 30 Nov)', () => {
      given(customer, [], told('2026-12-02'))
        .when(revised('2026-12-01', '2026-12-04', DEC_1), DEC_1)
        .then([{ kind: 'eta-changed', facts: { orderId: 'o1', previousExpected: '2026-12-02', newExpected: '2026-12-04' } }]);
      given(customer, [], told('2026-12-04'))
        .when(revised('2026-12-04', '2026-12-02'))
        .then([{ kind: 'eta-changed' }]);
      given(customer, [], told('2026-12-02'))
        .when(revised('2026-12-01', '2026-12-02', DEC_1), DEC_1)
        .thenNothing();
    });

    it('tells a date slipping a day at a time when the told day comes near, or at once when it jumps a week', () => {
      given(customer, [], told('2026-12-04')).when(revised('2026-12-04', '2026-12-06')).thenNothing(); // 23 Nov: 4 Dec still holds for now
      given(customer, [], told('2026-12-04'))
        .when(revised('2026-12-04', '2026-12-11'))
        .then([{ kind: 'eta-changed' }]);
      given(customer, [], told('2026-12-04'))
        .when(revised('2026-12-04', '2026-12-06', '2026-12-03T00:00:00.000Z'), '2026-12-03T00:00:00.000Z')
        .then([{ kind: 'eta-changed' }]);
    });

    it('tells an earlier date at most every two days unless it jumps', () => {
      const toldYesterday = told('2026-12-08', '2026-11-22T09:00:00.000Z');
      given(customer, [], toldYesterday).when(revised('2026-12-08', '2026-12-06')).thenNothing();
      given(customer, [], toldYesterday)
        .when(revised('2026-12-08', '2026-12-05'))
        .then([{ kind: 'eta-changed' }]);
      given(customer, [], told('2026-12-08', '2026-11-20T09:00:00.000Z'))
        .when(revised('2026-12-08', '2026-12-06'))
        .then([{ kind: 'eta-changed' }]);
    });

    it('is not news while both dates keep the promise: "by 30 November" still holds', () => {
      given(customer, [], told('2026-11-30')).when(revised('2026-11-30', '2026-11-26')).thenNothing();
      given(customer, [], told('2026-11-26')).when(revised('2026-11-26', '2026-11-29')).thenNothing();
      given(customer, [], told('2026-11-30'))
        .when(revised('2026-11-30', '2026-12-01', '2026-11-29T09:00:00.000Z'), '2026-11-29T09:00:00.000Z')
        .then([{ kind: 'eta-changed', facts: { orderId: 'o1', previousExpected: '2026-11-30', newExpected: '2026-12-01' } }]);
    });

    it('never names a day already past for the customer: the news is stale, and the log says why', () => {
      const outcome = decideNotificationOutcome({
        event: revised('2026-12-03', '2026-11-22'),
        eventId: 7,
        order: told('2026-12-03'),
        preferences: customer,
        sent: [],
        now: NOON_MSK,
      });
      expect(outcome).toEqual({
        sends: [],
        unsent: [{ notificationId: 'o1:eta-changed:7', orderId: 'o1', kind: 'eta-changed', reason: 'stale', detail: 'names 2026-11-22, a day already past' }],
      });
      given(customer, [], told('2026-12-03'))
        .when(revised('2026-12-03', '2026-11-23'))
        .then([{ kind: 'eta-changed' }]); // today is not past
    });

    it('is not a "new date" before the customer was ever told a date; the log says why', () => {
      const outcome = decideNotificationOutcome({
        event: revised('2026-11-25', '2026-12-03'),
        eventId: 7,
        order,
        preferences: customer,
        sent: [],
        now: NOON_MSK,
      });
      expect(outcome).toEqual({ sends: [], unsent: [{ notificationId: 'o1:eta-changed:7', orderId: 'o1', kind: 'eta-changed', reason: 'no-date-told' }] });
    });
  });

  it('does not announce a late scan older than the current status', () => {
    const delivered = { ...order, status: 'Delivered' as const, statusAt: '2026-11-23T10:00:00.000Z' };
    given(customer, [], delivered)
      .when({ type: 'HandedToCarrier', data: { ...partner, occurredAt: '2026-11-22T10:00:00.000Z' } })
      .thenNothing();
  });

  it('does not send delay news about an order already delivered', () => {
    const delivered = { ...order, status: 'Delivered' as const, statusAt: NOON_MSK };
    given(customer, [], delivered)
      .when({ type: 'PromiseBroken', data: { orderId: 'o1', promisedBy: '2026-11-20', detectedAt: NOON_MSK } })
      .thenNothing();
  });
});

describe('notification policy: channels', () => {
  const shipped: OrderEvent = { type: 'HandedToCarrier', data: partner };

  it('uses the customer order for the kind as the fallback order', () => {
    given({ ...customer, channels: { shipped: ['email', 'push'] } })
      .when(shipped)
      .then([{ channels: ['email', 'push'] }]);
  });
  it('sends nothing for a kind the customer switched off', () => {
    given({ ...customer, channels: { delivered: ['push'] } })
      .when(shipped)
      .thenNothing();
    given({ ...customer, channels: { shipped: [] } })
      .when(shipped)
      .thenNothing();
  });
  it('skips channels it has no contact for', () => {
    given({ ...customer, contacts: { deviceTokens: [], email: 'c1@example.com' } })
      .when(shipped)
      .then([{ channels: ['email'] }]);
  });
  it('sends nothing when no chosen channel is reachable', () => {
    given({ ...customer, channels: { shipped: ['push', 'sms'] }, contacts: { deviceTokens: [], email: 'c1@example.com' } })
      .when(shipped)
      .thenNothing();
  });
});

describe('notification policy: timing (quiet hours 22:00..08:00 Moscow, collapse window 2 min)', () => {
  const NIGHT = '2026-11-23T20:30:00.000Z'; // 23:30 MSK
  const MORNING = '2026-11-24T05:00:00.000Z'; // 08:00 MSK

  it('holds non-urgent status news for the collapse window by day', () => {
    given()
      .when({ type: 'HandedToCarrier', data: partner })
      .then([{ notBefore: '2026-11-23T09:02:00.000Z' }]);
  });
  it.each<[OrderEvent, NotificationKind]>([
    [{ type: 'Delivered', data: partner }, 'delivered'],
    [{ type: 'OrderCanceled', data: partner } as OrderEvent, 'canceled'],
  ])('sends the end of the journey by day at once: no later status can collapse into it (%#)', (event, kind) => {
    given()
      .when(event)
      .then([{ kind, notBefore: NOON_MSK }]);
  });
  it('sends delay news by day at once (it is not collapsed)', () => {
    given()
      .when({ type: 'PromiseBroken', data: { orderId: 'o1', promisedBy: '2026-11-20', detectedAt: NOON_MSK } })
      .then([{ notBefore: NOON_MSK }]);
  });
  it('moves non-urgent news at night to the end of quiet hours', () => {
    given()
      .when({ type: 'Delivered', data: { ...partner, occurredAt: NIGHT } }, NIGHT)
      .then([{ notBefore: MORNING, urgent: false }]);
  });
  it('never lets the collapse window carry status news into quiet hours: news of 21:59 waits for the morning', () => {
    const BEFORE_QUIET = '2026-11-23T18:59:00.000Z'; // 21:59 MSK: the window would end at 22:01, inside quiet hours
    given()
      .when({ type: 'HandedToCarrier', data: { ...partner, occurredAt: BEFORE_QUIET } }, BEFORE_QUIET)
      .then([{ kind: 'shipped', notBefore: MORNING }]);
    const decided = decideNotificationOutcome({
      event: { type: 'HandedToCarrier', data: { ...partner, occurredAt: BEFORE_QUIET } },
      eventId: 42,
      order,
      preferences: customer,
      sent: [],
      now: BEFORE_QUIET,
    });
    expect(decided.unsent).toEqual([expect.objectContaining({ reason: 'held-quiet-hours', detail: `until ${MORNING}` })]);
  });
  it('sends urgent news at night now', () => {
    given()
      .when({ type: 'OutForDelivery', data: { ...partner, occurredAt: NIGHT } }, NIGHT)
      .then([{ notBefore: NIGHT, urgent: true }]);
  });
  it('sends at once with no hold when the collapse window is 0', () => {
    given()
      .when({ type: 'HandedToCarrier', data: partner }, NOON_MSK, 42, { collapseWindowMs: 0 })
      .then([{ notBefore: NOON_MSK }]);
  });
});

describe('notification policy: de-duplication', () => {
  const shipped: OrderEvent = { type: 'HandedToCarrier', data: partner };

  it('derives the id from order, kind and event identity, so redelivery gives the same id', () => {
    given()
      .when(shipped, NOON_MSK, 42)
      .then([{ notificationId: 'o1:shipped:42' }]);
    given()
      .when(shipped, '2026-11-23T11:00:00.000Z', 42)
      .then([{ notificationId: 'o1:shipped:42' }]);
    given()
      .when(shipped, NOON_MSK, 43)
      .then([{ notificationId: 'o1:shipped:43' }]);
  });
  it('never notifies twice for an event already in the sent log', () => {
    given(customer, [{ notificationId: 'o1:shipped:42', orderId: 'o1', kind: 'shipped', at: NOON_MSK }])
      .when(shipped, NOON_MSK, 42)
      .thenNothing();
  });
});
