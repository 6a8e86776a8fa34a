import type { OrderEvent } from '../order/order.events';
import { checkFrequencyCaps, DEFAULT_FREQUENCY_LIMITS, type SentNotification } from './frequency-cap.policy';
import { decideNotifications } from './notification.policy';
import type { CustomerPreferences, NotificationKind } from './notification.types';

const NOW = '2026-11-23T12:00:00.000Z';
const minutesAgo = (m: number) => new Date(Date.parse(NOW) - m * 60_000).toISOString();
const sent = (orderId: string, kind: NotificationKind, at: string, n = 1): SentNotification[] =>
  Array.from({ length: n }, (_, i) => ({ notificationId: `${orderId}:${kind}:${at}:${i}`, orderId, kind, at }));

describe('frequency caps (defaults: 3 per order per hour, 6 per order per day, 10 per customer per day)', () => {
  it('given 2 messages for the order in the last hour, when a third comes, then it is allowed', () => {
    expect(checkFrequencyCaps('shipped', 'o1', sent('o1', 'shipped', minutesAgo(10), 2), NOW)).toEqual({ allowed: true });
  });

  it('given 3 in the last hour, when a fourth informational message comes, then the per-hour cap holds it back', () => {
    expect(checkFrequencyCaps('shipped', 'o1', sent('o1', 'shipped', minutesAgo(10), 3), NOW)).toEqual({ allowed: false, exceeded: 'order-per-hour' });
  });

  it('given 3 sent just over an hour ago, then the hour window has rolled past them', () => {
    expect(checkFrequencyCaps('eta-changed', 'o1', sent('o1', 'shipped', minutesAgo(61), 3), NOW)).toEqual({ allowed: true });
  });

  it('given 6 for the order in the last day, then the per-day cap holds it back', () => {
    expect(checkFrequencyCaps('delay-cleared', 'o1', sent('o1', 'shipped', minutesAgo(300), 6), NOW)).toEqual({ allowed: false, exceeded: 'order-per-day' });
  });

  it('given 10 for other orders of the customer today, then the per-customer cap holds back this order too', () => {
    const log = [...sent('o2', 'shipped', minutesAgo(100), 5), ...sent('o3', 'delivered', minutesAgo(200), 5)];
    expect(checkFrequencyCaps('shipped', 'o1', log, NOW)).toEqual({ allowed: false, exceeded: 'customer-per-day' });
  });

  it('given other orders only, then the per-order caps do not count them', () => {
    expect(checkFrequencyCaps('shipped', 'o1', sent('o2', 'shipped', minutesAgo(10), 5), NOW)).toEqual({ allowed: true });
  });

  // What the customer must act on or must not miss: the parcel arrived, is waiting, is coming back, failed, is late.
  it.each<NotificationKind>([
    'delivered',
    'at-pickup-point',
    'storage-deadline-approaching',
    'delivery-attempt-failed',
    'out-for-delivery',
    'returned',
    'canceled',
    'delay-predicted',
    'promise-broken',
  ])('given every cap reached, when %s comes, then it takes precedence and goes', (kind) => {
    expect(checkFrequencyCaps(kind, 'o1', sent('o1', 'shipped', minutesAgo(5), 20), NOW)).toEqual({ allowed: true });
  });

  it('given a storage reminder queued days ahead, then it does not count against today', () => {
    const ahead = new Date(Date.parse(NOW) + 3 * 86_400_000).toISOString();
    expect(
      checkFrequencyCaps('shipped', 'o1', [...sent('o1', 'shipped', minutesAgo(10), 2), ...sent('o1', 'storage-deadline-approaching', ahead)], NOW),
    ).toEqual({ allowed: true });
    expect(checkFrequencyCaps('shipped', 'o1', [...sent('o1', 'shipped', minutesAgo(10), 2), ...sent('o1', 'shipped', minutesAgo(-10))], NOW)).toEqual({
      allowed: false,
      exceeded: 'order-per-hour',
    });
  });

  it('takes its limits as parameters', () => {
    const strict = { ...DEFAULT_FREQUENCY_LIMITS, perOrderPerHour: 1 };
    expect(checkFrequencyCaps('shipped', 'o1', sent('o1', 'shipped', minutesAgo(5)), NOW, strict)).toEqual({ allowed: false, exceeded: 'order-per-hour' });
  });

  describe('inside the policy', () => {
    const preferences: CustomerPreferences = {
      customerId: 'c1',
      language: 'en',
      timeZone: 'UTC',
      channels: { delivered: ['email'], 'delay-predicted': ['email'] },
      contacts: { deviceTokens: [], email: 'c1@example.com' },
    };
    const decide = (event: OrderEvent) =>
      decideNotifications({
        event,
        eventId: 9,
        order: { orderId: 'o1', customerId: 'c1' },
        preferences,
        sent: sent('o1', 'shipped', minutesAgo(5), 3),
        now: NOW,
      });
    const partner = { orderId: 'o1', partner: 'courier' as const, partnerEventId: 'x', occurredAt: NOW };

    it('given the hour cap reached, when the parcel is delivered, then the customer is still told', () => {
      expect(decide({ type: 'Delivered', data: partner })).toEqual([expect.objectContaining({ kind: 'delivered', channels: ['email'] })]);
    });
    it('given the hour cap reached, when a delay is predicted, then the apology still goes', () => {
      const delay: OrderEvent = {
        type: 'DelayPredicted',
        data: { orderId: 'o1', reason: 'weather', newExpected: '2026-12-01', promisedBy: '2026-11-28', detectedAt: NOW },
      };
      expect(decide(delay)).toHaveLength(1);
    });
  });
});
