import { MILESTONES, TERMINAL } from '../order/milestone';
import type { OrderEvent } from '../order/order.events';
import { decideOrderNotifications, type OrderNotificationInput } from './notification.decider';
import type { SentNotification } from './frequency-cap.policy';
import { staleOnEvent } from './notification-staleness.policy';
import { isSilentEvent, type OrderContext, triggerOf } from './notification.triggers';
import { type CustomerPreferences, NOTIFICATION_KINDS, type SendNotification } from './notification.types';

// Every kind a customer can ask for a channel on (the digest is the notifier's own).
const KINDS = NOTIFICATION_KINDS.filter((k) => k !== 'digest');
const customer: CustomerPreferences = {
  customerId: 'c1',
  language: 'en',
  timeZone: 'Europe/Moscow',
  quietHours: { start: '22:00', end: '08:00' },
  channels: Object.fromEntries(KINDS.map((k) => [k, ['push']])),
  contacts: { deviceTokens: ['tok-1'] },
};
const order: OrderContext = { orderId: 'o1', customerId: 'c1', promisedBy: '2026-11-30', status: 'InTransit', statusAt: '2026-11-23T06:00:00.000Z' };
const NIGHT = '2026-11-23T20:30:00.000Z'; // 23:30 MSK
const MORNING = '2026-11-24T05:00:00.000Z'; // 08:00 MSK
const courier = (orderId: string, occurredAt: string) => ({ orderId, partner: 'courier' as const, partnerEventId: `${orderId}@${occurredAt}`, occurredAt });

const decide = (event: OrderEvent, now: string, extra: Partial<OrderNotificationInput> = {}) =>
  decideOrderNotifications({ event, eventId: 9, order, preferences: customer, sent: [], pending: [], now, ...extra });

describe('notification decider: queued news re-checked against later events', () => {
  const delay: OrderEvent = {
    type: 'DelayPredicted',
    data: { orderId: 'o1', reason: 'weather', newExpected: '2026-12-02', promisedBy: '2026-11-30', detectedAt: NIGHT },
  };
  // Events no rule answers: payment, packing, transit scans, a partner's delay report.
  const silent: OrderEvent[] = [
    { type: 'PaymentApproved', data: courier('o1', NIGHT) },
    { type: 'OrderPacked', data: courier('o1', NIGHT) },
    { type: 'InTransit', data: { ...courier('o1', NIGHT), location: { city: 'sao paulo' } } },
    { type: 'DelayReported', data: { ...courier('o1', NIGHT), reason: 'weather' } },
  ];

  it('given a delay warning at night, then it is held until morning, and the log says so', () => {
    const d = decide(delay, NIGHT);
    expect(d.sends).toEqual([expect.objectContaining({ kind: 'delay-predicted', notBefore: MORNING })]);
    expect(d.unsent).toEqual([
      { notificationId: 'o1:delay-predicted:9', orderId: 'o1', kind: 'delay-predicted', reason: 'held-quiet-hours', detail: `until ${MORNING}` },
    ]);
  });

  it('given a held warning, when an event no rule answers comes (payment, packing, transit scans, a partner delay report), then nothing is decided', () => {
    const held = decide(delay, NIGHT).sends;
    for (const event of silent) {
      expect(isSilentEvent(event)).toBe(true);
      expect(decide(event, NIGHT, { pending: held, digests: held })).toEqual({ sends: [], superseded: [], unsent: [] });
    }
  });

  it('the events decided at once are those the rules themselves answer with nothing: no trigger, nothing made stale', () => {
    // Guards the shortcut's list against the rules: a trigger added for one of these types must fail here.
    const held = decide(delay, NIGHT).sends;
    const open = MILESTONES.filter((m) => !TERMINAL.has(m));
    for (const event of silent) {
      for (const status of open) expect([event.type, status, triggerOf(event, { ...order, status })]).toEqual([event.type, status, null]);
      expect(staleOnEvent(held, event, NIGHT)).toEqual([]);
    }
  });

  it('given the held warning, when the parcel is delivered before morning, then the warning is stale: dropped and logged, the delivery told', () => {
    const held = decide(delay, NIGHT).sends[0];
    const at = '2026-11-23T21:00:00.000Z';
    const d = decide({ type: 'Delivered', data: courier('o1', at) }, at, { pending: [held] });
    expect(d.superseded).toEqual([held.notificationId]);
    expect(d.unsent).toContainEqual({
      notificationId: held.notificationId,
      orderId: 'o1',
      kind: 'delay-predicted',
      reason: 'stale',
      detail: 'made stale by Delivered',
    });
    expect(d.sends.map((s) => s.kind)).toEqual(['delivered']);
  });

  it('given a warning already due (being sent), then a later delivery leaves it alone', () => {
    const due = { ...decide(delay, NIGHT).sends[0], notBefore: NIGHT };
    expect(decide({ type: 'Delivered', data: courier('o1', '2026-11-23T21:00:00.000Z') }, '2026-11-23T21:00:00.000Z', { pending: [due] }).superseded).toEqual(
      [],
    );
  });
});

describe('notification decider: storage reminders', () => {
  const arrivedAt = '2026-11-23T09:00:00.000Z';
  const pickupPoint = { pointId: 'pp1', address: 'Tverskaya 1', storageDeadline: '2026-11-27T15:00:00.000Z' };
  const arrived: OrderEvent = { type: 'ArrivedAtPickupPoint', data: { ...courier('o1', arrivedAt), pickupPoint } };

  it('given the parcel reaches the pickup point, then the arrival goes now and reminders are queued for a day before and 09:00 of the last day', () => {
    const d = decide(arrived, arrivedAt);
    expect(d.sends.map((s) => [s.kind, s.notBefore])).toEqual([
      ['at-pickup-point', '2026-11-23T09:02:00.000Z'],
      ['storage-deadline-approaching', '2026-11-26T15:00:00.000Z'],
      ['storage-last-day', '2026-11-27T06:00:00.000Z'], // 09:00 in Moscow, the deadline's day
    ]);
  });

  it('given the reminder queued, when the parcel is collected first, then the reminder is stale and never sent', () => {
    const reminder = decide(arrived, arrivedAt).sends[1];
    const at = '2026-11-24T10:00:00.000Z';
    const d = decide({ type: 'PickedUp', data: courier('o1', at) }, at, { pending: [reminder], order: { ...order, status: 'ArrivedAtPickupPoint' } });
    expect(d.superseded).toEqual([reminder.notificationId]);
    expect(d.unsent).toContainEqual(expect.objectContaining({ kind: 'storage-deadline-approaching', reason: 'stale' }));
  });

  it('given the deadline less than a day away on arrival, then no separate reminder (the arrival says until when)', () => {
    const late = '2026-11-27T09:00:00.000Z';
    expect(decide({ type: 'ArrivedAtPickupPoint', data: { ...courier('o1', late), pickupPoint } }, late).sends.map((s) => s.kind)).toEqual(['at-pickup-point']);
  });
});

describe('notification decider: what the customer was told', () => {
  it('given "shipped", then the promised date is what the customer was told', () => {
    const at = '2026-11-23T09:00:00.000Z';
    expect(decide({ type: 'HandedToCarrier', data: courier('o1', at) }, at).toldExpected).toBe('2026-11-30');
  });
});

describe('notification decider: a customer with many orders gets a digest, not silence', () => {
  const at = '2026-11-23T09:00:00.000Z'; // 12:00 MSK
  const sentToday: SentNotification[] = Array.from({ length: 10 }, (_, i) => ({
    notificationId: `x${i}`,
    orderId: `other${i}`,
    kind: 'shipped',
    at: '2026-11-23T08:00:00.000Z',
  }));
  const shipped = (orderId: string, digests: SendNotification[] = []) =>
    decide({ type: 'HandedToCarrier', data: courier(orderId, at) }, at, { order: { ...order, orderId }, sent: sentToday, digests });

  it('given the daily cap reached, when an order ships, then its news goes into the next digest and the log says which', () => {
    const d = shipped('o1');
    expect(d.sends).toEqual([
      expect.objectContaining({
        notificationId: 'digest:c1:2026-11-23T12:00:00.000Z',
        kind: 'digest',
        notBefore: '2026-11-23T12:00:00.000Z',
        channels: ['push'],
      }),
    ]);
    expect(d.sends[0].facts.digest).toEqual([{ orderId: 'o1', kind: 'shipped', facts: expect.objectContaining({ orderId: 'o1', promisedBy: '2026-11-30' }) }]);
    expect(d.unsent).toEqual([expect.objectContaining({ orderId: 'o1', kind: 'shipped', reason: 'digested' })]);
  });

  it('given two capped orders in one slot, then one digest names both', () => {
    const a = shipped('o1').sends[0];
    const b = shipped('o2', [a]).sends[0];
    expect(b.notificationId).toBe(a.notificationId);
    expect(b.facts.digest!.map((i) => i.orderId)).toEqual(['o1', 'o2']);
  });

  it('given an order in a queued digest, when it is delivered, then it leaves the digest (logged) and the delivery is told on its own', () => {
    const queued = shipped('o2', [shipped('o1').sends[0]]).sends[0];
    const at2 = '2026-11-23T10:00:00.000Z';
    const d = decide({ type: 'Delivered', data: courier('o1', at2) }, at2, { sent: sentToday, digests: [queued] });
    expect(d.sends.map((s) => [s.notificationId, s.kind, s.facts.digest?.map((i) => i.orderId)])).toEqual([
      [queued.notificationId, 'digest', ['o2']],
      ['o1:delivered:9', 'delivered', undefined],
    ]);
    expect(d.unsent).toContainEqual({
      notificationId: queued.notificationId,
      orderId: 'o1',
      kind: 'shipped',
      reason: 'stale',
      detail: 'withdrawn from the digest: made stale by Delivered',
    });
  });

  it('given the cap reached, then final news is still sent on its own', () => {
    const d = decide({ type: 'Delivered', data: courier('o1', at) }, at, { sent: sentToday });
    expect(d.sends.map((s: SendNotification) => s.kind)).toEqual(['delivered']);
  });
});
