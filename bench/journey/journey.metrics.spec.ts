import { epochOfLocal } from '@ot/domain';
import { journeyMetrics, type JourneyOrder, targetsMet } from './journey.metrics';
import { parseOutboxLine } from './outbox-line.parser';
import type { OrderViewBody } from './view-coherence.check';

/**
 * Eight hand-made orders in São Paulo, June 2017 (UTC-3, no DST), their outbox lines and views.
 * Every expected figure below is worked out by hand in the comment above it.
 */
const ZONE = 'America/Sao_Paulo';
const at = (local: string): number => epochOfLocal(local, ZONE);
const iso = (local: string): string => new Date(at(local)).toISOString();

const orders: JourneyOrder[] = [
  {
    orderId: 'A',
    placedAt: at('2017-06-01T10:00:00'),
    promisedDate: '2017-06-10',
    handedAt: at('2017-06-03T10:00:00'),
    deliveredAt: at('2017-06-12T09:00:00'),
    canceled: false,
  },
  // delivered at 01:00 local on the 11th (04:00 UTC): one day late in the customer's days
  {
    orderId: 'B',
    placedAt: at('2017-06-01T10:00:00'),
    promisedDate: '2017-06-10',
    handedAt: at('2017-06-02T10:00:00'),
    deliveredAt: at('2017-06-11T01:00:00'),
    canceled: false,
  },
  // delivered at 22:00 on its promised day (01:00 UTC the next day): on time
  {
    orderId: 'C',
    placedAt: at('2017-06-05T10:00:00'),
    promisedDate: '2017-06-20',
    handedAt: at('2017-06-06T10:00:00'),
    deliveredAt: at('2017-06-20T22:00:00'),
    canceled: false,
  },
  { orderId: 'D', placedAt: at('2017-06-20T10:00:00'), promisedDate: '2017-07-05', handedAt: at('2017-06-22T10:00:00'), canceled: false },
  { orderId: 'E', placedAt: at('2017-06-02T10:00:00'), promisedDate: '2017-06-12', canceled: true },
  { orderId: 'F', placedAt: at('2017-06-01T10:00:00'), promisedDate: '2017-06-15', handedAt: at('2017-06-03T10:00:00'), canceled: false },
  { orderId: 'G', placedAt: at('2017-06-25T10:00:00'), promisedDate: '2017-07-10', canceled: false },
  // a promise before placement (accepted by a lenient service): naming it is naming a pre-placement date
  { orderId: 'H', placedAt: at('2017-06-10T10:00:00'), promisedDate: '2017-06-09', canceled: true },
];

const sent = (orderId: string, kind: string, local: string, text: string, data: Record<string, string> = {}): string =>
  JSON.stringify({
    providerMessageId: `outbox:${orderId}:${kind}`,
    at: '2026-11-30T10:00:00.000Z',
    sentAt: iso(local),
    orderId,
    kind,
    channel: 'push',
    to: `device-${orderId}`,
    title: `Order ${orderId}`,
    text,
    data: { orderId, kind, ...data },
  });

const lines = [
  sent('A', 'shipped', '2017-06-03T10:00:00', 'It should arrive by Saturday, June 10.'),
  sent('A', 'delay-predicted', '2017-06-07T10:00:00', 'We now expect to deliver it on Monday, June 12.', { newExpected: '2017-06-12' }),
  sent('A', 'delivered', '2017-06-12T09:05:00', 'Thank you for your order.', { deliveredAt: '2017-06-12T12:00:00.000Z' }),
  sent('B', 'delay-predicted', '2017-06-09T23:30:00', 'We now expect to deliver it on Sunday, June 11.'),
  sent('B', 'promise-broken', '2017-06-11T00:30:00', 'We promised to deliver your order by Saturday, June 10 and did not keep that promise.'),
  sent('C', 'shipped', '2017-06-06T10:00:00', 'It should arrive by Tuesday, June 20.'),
  sent('C', 'eta-changed', '2017-06-07T12:00:00', 'The expected delivery date has changed from Thursday, June 1 to Friday, June 16.'),
  sent('C', 'delay-predicted', '2017-06-08T09:00:00', 'We now expect to deliver it on Wednesday, June 21.'),
  sent('C', 'delivered', '2017-06-20T22:05:00', 'Thank you for your order.'),
  sent('D', 'shipped', '2017-06-22T10:00:00', 'It should arrive by Wednesday, July 5.'),
  sent('D', 'delay-predicted', '2017-06-25T10:00:00', 'We are sorry: order D will be late.', { newExpected: '2017-06-24' }),
  JSON.stringify({ sentAt: iso('2017-06-09T10:00:00'), orderIds: ['A', 'C'], kind: 'digest', channel: 'push', text: 'Updates on 2 orders', data: {} }),
  // the older line shape: wall time in `at`, the order and kind only in data and the notification id
  JSON.stringify({
    providerMessageId: 'outbox:E:canceled:17:push',
    at: iso('2017-06-04T10:00:00'),
    notificationId: 'E:canceled:17',
    channel: 'push',
    to: 'device-E',
    title: 'Order E has been canceled',
    text: 'Your order has been canceled.',
    data: { orderId: 'E', kind: 'canceled' },
  }),
  sent('F', 'shipped', '2017-06-03T10:00:00', 'It should arrive by Thursday, June 15.'),
  sent('F', 'promise-broken', '2017-06-16T09:00:00', 'We promised to deliver your order by Thursday, June 15 and did not keep that promise.'),
  sent('H', 'canceled', '2017-06-11T10:00:00', 'Your order, promised by Friday, June 9, has been canceled.'),
];

const noDelay = { isDelayed: false, atRisk: false, promiseBroken: false };
const view = (orderId: string, status: string, statusAt: string, promisedBy: string, delay = noDelay, eta: OrderViewBody['eta'] = null): OrderViewBody => ({
  orderId,
  status,
  statusAt: iso(statusAt),
  promisedBy,
  delay,
  eta,
});
const views = new Map<string, OrderViewBody>([
  [
    'A',
    view(
      'A',
      'Delivered',
      '2017-06-12T09:00:00',
      '2017-06-10',
      { ...noDelay, promiseBroken: true },
      { expected: '2017-06-11', by: '2017-06-12', window: { earliest: '2017-06-10', latest: '2017-06-12' } },
    ),
  ],
  ['B', view('B', 'Delivered', '2017-06-11T01:00:00', '2017-06-10', { ...noDelay, isDelayed: true })],
  ['C', view('C', 'Delivered', '2017-06-20T22:00:00', '2017-06-20')],
  [
    'D',
    view('D', 'HandedToCarrier', '2017-06-22T10:00:00', '2017-07-05', noDelay, {
      expected: '2017-06-29',
      by: '2017-06-28',
      window: { earliest: '2017-07-01', latest: '2017-07-03' },
    }),
  ],
  ['E', view('E', 'Canceled', '2017-06-04T10:00:00', '2017-06-12')],
  [
    'F',
    view(
      'F',
      'HandedToCarrier',
      '2017-06-03T10:00:00',
      '2017-06-15',
      { ...noDelay, promiseBroken: true },
      { expected: '2017-07-02', by: '2017-07-03', window: { earliest: '2017-07-01', latest: '2017-07-04' } },
    ),
  ],
  ['H', view('H', 'Canceled', '2017-06-11T10:00:00', '2017-06-09')],
]);

const { metrics, details } = journeyMetrics({ orders, messages: lines.map(parseOutboxLine), views, now: at('2017-06-30T12:00:00'), timeZone: ZONE });

describe('journeyMetrics on hand-made orders', () => {
  it('counts messages per order, a digest once for each order it names', () => {
    // A 4 (with the digest), B 2, C 5 (with the digest), D 2, E 1, F 2, G 0, H 1: 17 over 8 orders; sorted, the 8th of 8 is the p95
    expect(metrics.orders).toBe(8);
    expect(metrics.messages_per_order_mean).toBe(2.125);
    expect(metrics.messages_per_order_p95).toBe(5);
  });

  it('finds the late orders in local days and whether they were warned in time', () => {
    // A delivered the 12th, B at 01:00 on the 11th (promised the 10th), F handed and never delivered by the 30th (promised the 15th);
    // C came at 22:00 on its promised day, D is open but its promise (July 5) has not passed, E and H were never handed over
    expect(metrics.late_orders).toBe(3);
    // A warned the 7th (3 days before), B at 23:30 on the 9th (1 day before), F only told after its promise
    expect(metrics.late_warned_before_promise_rate).toBe(0.6667);
    expect(metrics.late_warned_2d_before_rate).toBe(0.3333);
    expect(details.lateNotWarned).toEqual(['F']);
  });

  it('counts a delay message to an order then delivered on time as a false alarm', () => {
    // delay messages reached A, B, C, D, F; of those only C was delivered on or before its promise
    expect(metrics.false_alarm_rate).toBe(0.2);
    expect(details.falseAlarms).toEqual(['C']);
  });

  it('checks every delivered order got the delivered message', () => {
    expect(metrics.delivered_message_rate).toBe(0.6667);
    expect(details.deliveredWithoutMessage).toEqual(['B']);
  });

  it('counts messages naming a date before placement or before the send day, but not the promise itself', () => {
    // C's "from Thursday, June 1" (placed June 5) and D's data newExpected 2017-06-24 sent on the 25th;
    // and H's promise (June 9), which lies before its placement (June 10). B's and F's promise-broken name
    // their (past) promise day, which is the fact they report
    expect(metrics.messages_naming_past_or_preplacement_dates).toBe(3);
    expect(details.pastDateMessages.map((m) => [m.orderIds[0], m.kind, m.dates])).toEqual([
      ['C', 'eta-changed', ['2017-06-01']],
      ['D', 'delay-predicted', ['2017-06-24']],
      ['H', 'canceled', ['2017-06-09']],
    ]);
  });

  it('counts views that contradict themselves, and orders without a view', () => {
    expect(metrics.incoherent_views).toBe(4);
    expect(details.incoherences).toEqual({
      'delivered-still-delayed': ['B'],
      'delivered-late-promise-not-broken': ['B'],
      'open-expected-before-today': ['D'],
      'window-excludes-expected': ['D'],
      'by-before-expected': ['D'],
      'promise-broken-not-late': ['F'],
      missing: ['G'],
    });
  });

  it('meets the targets only when every figure does', () => {
    expect(targetsMet(metrics, true)).toBe(false);
    const perfect = {
      ...metrics,
      late_warned_before_promise_rate: 0.8,
      late_warned_2d_before_rate: 0.6,
      false_alarm_rate: 0.2,
      delivered_message_rate: 1,
      messages_naming_past_or_preplacement_dates: 0,
      incoherent_views: 0,
    };
    expect(targetsMet(perfect, true)).toBe(true);
    expect(targetsMet(perfect, null)).toBe(true);
    expect(targetsMet(perfect, false)).toBe(false);
    expect(targetsMet({ ...perfect, messages_per_order_p95: 6 }, true)).toBe(false);
  });
});
