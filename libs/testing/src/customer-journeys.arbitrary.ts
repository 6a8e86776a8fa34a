import fc from 'fast-check';
import { type CalendarDate, type CustomerPreferences, type DelayReason, NOTIFICATION_KINDS, type OrderEvent } from '@ot/domain';
import type { RecordedEvent } from '@ot/application';

/**
 * Random histories of one customer with up to 12 orders (enough to reach the daily cap), for the notifier's property and replay specs:
 * each order is placed, handed over, maybe delayed or re-forecast (sometimes to a nonsense date, as a
 * lagging forecaster would), and ends delivered, collected at a pickup point, returned or canceled.
 * The orders' events interleave in time order, as the store would hold them.
 */
export type CustomerHistory = Readonly<{ preferences: CustomerPreferences; events: RecordedEvent[]; placedDay: ReadonlyMap<string, CalendarDate> }>;

const MIN = 60_000;
const DAY = 1_440 * MIN;
// Every kind a customer can ask for a channel on (the digest is the notifier's own).
const KINDS = NOTIFICATION_KINDS.filter((k) => k !== 'digest');
const day = (ms: number): CalendarDate => new Date(ms).toISOString().slice(0, 10);
const iso = (ms: number) => new Date(ms).toISOString();

const orderArb = fc.record({
  placedAfterMin: fc.integer({ min: 0, max: 1_440 }),
  promiseDays: fc.integer({ min: 2, max: 6 }),
  gapsMin: fc.array(fc.integer({ min: 1, max: 900 }), { minLength: 8, maxLength: 8 }),
  inTransit: fc.integer({ min: 0, max: 2 }),
  delay: fc.option(
    fc.record({ reason: fc.constantFrom<DelayReason>('weather', 'lost', 'address-problem', 'carrier'), extraDays: fc.integer({ min: 1, max: 4 }) }),
    { nil: undefined },
  ),
  revisedDayOffset: fc.option(fc.integer({ min: -6, max: 10 }), { nil: undefined }),
  ending: fc.constantFrom('delivered', 'failed-then-delivered', 'pickup', 'pickup-uncollected', 'returned', 'canceled'),
});

export const customerHistoryArb = fc
  .record({
    startMs: fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-12-20T00:00:00Z') }),
    orders: fc.array(orderArb, { minLength: 1, maxLength: 12 }),
    timeZone: fc.constantFrom('UTC', 'Europe/Moscow', 'America/New_York'),
    quiet: fc.boolean(),
  })
  .map(({ startMs, orders, timeZone, quiet }): CustomerHistory => {
    const all: OrderEvent[] = [];
    const placedDay = new Map<string, CalendarDate>();
    orders.forEach((o, i) => {
      const orderId = `o${i + 1}`;
      let t = startMs + o.placedAfterMin * MIN;
      const gap = (() => {
        let g = 0;
        return () => (t += o.gapsMin[g++ % o.gapsMin.length] * MIN);
      })();
      const partner = (type: string, extra: object = {}) =>
        ({ type, data: { orderId, partner: 'courier', partnerEventId: `${orderId}-${all.length}`, occurredAt: iso(t), ...extra } }) as OrderEvent;
      const promisedBy = day(t + o.promiseDays * DAY);
      placedDay.set(orderId, day(t));
      all.push(partner('OrderPlaced', { customerId: 'c1', promisedBy, origin: {}, destination: {} }));
      if (o.ending === 'canceled') {
        gap();
        all.push(partner('OrderCanceled', { reason: 'customer request' }));
        return;
      }
      gap();
      all.push(partner('HandedToCarrier'));
      for (let k = 0; k < o.inTransit; k++) {
        gap();
        all.push(partner('InTransit', { location: { city: 'X' } }));
      }
      let told = promisedBy;
      if (o.delay) {
        gap();
        told = day(Date.parse(promisedBy) + o.delay.extraDays * DAY);
        all.push({ type: 'DelayPredicted', data: { orderId, reason: o.delay.reason, newExpected: told, promisedBy, detectedAt: iso(t) } });
      }
      if (o.revisedDayOffset !== undefined) {
        gap();
        all.push({ type: 'EtaRevised', data: { orderId, previousExpected: told, newExpected: day(t + o.revisedDayOffset * DAY), revisedAt: iso(t) } });
      }
      gap();
      if (o.ending === 'returned') return void all.push(partner('ReturnedToSender', { reason: 'refused' }));
      if (o.ending === 'pickup' || o.ending === 'pickup-uncollected') {
        all.push(partner('ArrivedAtPickupPoint', { pickupPoint: { pointId: 'pp1', address: 'Tverskaya 1', storageDeadline: iso(t + 5 * DAY) } }));
        if (o.ending === 'pickup') {
          gap();
          all.push(partner('PickedUp'));
        }
        return;
      }
      all.push(partner('OutForDelivery'));
      if (o.ending === 'failed-then-delivered') {
        gap();
        all.push(partner('DeliveryAttemptFailed', { reason: 'nobody home' }));
        gap();
        all.push(partner('OutForDelivery'));
      }
      gap();
      all.push(partner('Delivered'));
    });
    const timeOf = (e: OrderEvent) =>
      Date.parse(
        String(
          (e.data as Record<string, unknown>).occurredAt ?? (e.data as Record<string, unknown>).detectedAt ?? (e.data as Record<string, unknown>).revisedAt,
        ),
      );
    const ordered = all.map((e, i) => [e, i] as const).sort((a, b) => timeOf(a[0]) - timeOf(b[0]) || a[1] - b[1]);
    const versions = new Map<string, number>();
    const events = ordered.map(([e], i): RecordedEvent => {
      const v = (versions.get(e.data.orderId) ?? 0) + 1;
      versions.set(e.data.orderId, v);
      return { ...e, streamId: `order-${e.data.orderId}`, streamVersion: v, globalPosition: i + 1, recordedAt: iso(timeOf(e)) } as RecordedEvent;
    });
    const preferences: CustomerPreferences = {
      customerId: 'c1',
      language: 'en',
      timeZone,
      ...(quiet ? { quietHours: { start: '22:00', end: '08:00' } } : {}),
      channels: Object.fromEntries(KINDS.map((k) => [k, ['push']])),
      contacts: { deviceTokens: ['tok-1'] },
    };
    return { preferences, events, placedDay };
  });
