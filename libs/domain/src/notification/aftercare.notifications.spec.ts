import type { AftercareEvent } from '../order/aftercare';
import type { OrderEvent } from '../order/order.events';
import type { AFTERCARE_KINDS } from './aftercare.kinds';
import { decideOrderNotifications } from './notification.decider';
import { renderNotification } from './notification.renderer';
import type { OrderContext } from './notification.triggers';
import { type CustomerPreferences, NOTIFICATION_KINDS, type SendNotification } from './notification.types';
import { lastDayReminderAt } from './storage-deadline.policy';

const customer: CustomerPreferences = {
  customerId: 'c1',
  language: 'en',
  timeZone: 'America/Sao_Paulo',
  channels: Object.fromEntries(NOTIFICATION_KINDS.filter((k) => k !== 'digest').map((k) => [k, ['push']])),
  contacts: { deviceTokens: ['tok-1'] },
};
const order: OrderContext = { orderId: 'o1', customerId: 'c1', status: 'ArrivedAtPickupPoint', statusAt: '2026-01-05T10:00:00.000Z' };
const point = { pointId: 'pp1', address: 'Rua A 1', storageDeadline: '2026-01-08T21:00:00.000Z' }; // 18:00 in São Paulo
const decide = (event: OrderEvent, now: string, pending: SendNotification[] = []) =>
  decideOrderNotifications({ event, eventId: 7, order, preferences: customer, sent: [], pending, now });

const at = (orderId: string) => ({ orderId, occurredAt: '2026-01-07T12:00:00.000Z' });
/** One event of each aftercare kind the customer hears about. */
const EACH: Record<(typeof AFTERCARE_KINDS)[number], AftercareEvent | 'reminder'> = {
  'compensation-granted': {
    type: 'CompensationGranted',
    data: { ...at('o1'), voucher: { kind: 'fixed', amount: 25, currency: 'BRL' }, daysLate: 4, source: 'policy', grantedBy: 'policy', reason: 'late' },
  },
  'storage-last-day': 'reminder',
  'storage-extended': { type: 'StorageExtended', data: { ...at('o1'), requestId: 'r1', pickupPoint: point, previousDeadline: '2026-01-05T21:00:00.000Z' } },
  'storage-expired': { type: 'StorageExpired', data: { ...at('o1'), pointId: 'pp1', storageDeadline: point.storageDeadline } },
  'return-approved': { type: 'ReturnApproved', data: { ...at('o1'), requestId: 'r1' } },
  'return-rejected': { type: 'ReturnRejected', data: { ...at('o1'), requestId: 'r1', rule: 'category-not-returnable', detail: 'x' } },
  'return-handed-over': { type: 'ReturnHandedOver', data: { ...at('o1'), requestId: 'r1' } },
  'return-received': { type: 'ReturnReceived', data: { ...at('o1'), requestId: 'r1' } },
  'refund-issued': { type: 'RefundIssued', data: { ...at('o1'), requestId: 'r1', amount: 129.9, currency: 'BRL', method: 'original-payment' } },
};

describe('aftercare notifications', () => {
  it.each(Object.entries(EACH).filter(([, e]) => e !== 'reminder'))('%s: the event sends it', (kind, event) => {
    expect(decide(event as AftercareEvent, '2026-01-07T12:00:00.000Z').sends.map((s) => s.kind)).toContain(kind);
  });

  it('says nothing for a return request (its approval or rejection answers it) nor for the refund started with an expiry', () => {
    const requested: OrderEvent = { type: 'ReturnRequested', data: { ...at('o1'), requestId: 'r1', reason: 'damaged', method: 'courier' } };
    const started: OrderEvent = { type: 'RefundStarted', data: { ...at('o1'), cause: 'storage-expired' } };
    expect(decide(requested, '2026-01-07T12:00:00.000Z').sends).toEqual([]);
    expect(decide(started, '2026-01-07T12:00:00.000Z').sends).toEqual([]);
  });

  it('an extension withdraws the queued reminders of the old deadline and queues both for the new one', () => {
    const arrival: OrderEvent = {
      type: 'ArrivedAtPickupPoint',
      data: {
        orderId: 'o1',
        partner: 'pickup-point',
        partnerEventId: 'a1',
        occurredAt: '2026-01-05T10:00:00.000Z',
        pickupPoint: { ...point, storageDeadline: '2026-01-05T21:00:00.000Z' },
      },
    };
    const queued = decide(arrival, '2026-01-01T10:00:00.000Z').sends.filter((s) => s.kind.startsWith('storage'));
    expect(queued.map((s) => s.kind)).toEqual(['storage-deadline-approaching', 'storage-last-day']);
    const d = decide(EACH['storage-extended'] as AftercareEvent, '2026-01-02T10:00:00.000Z', queued);
    expect([...d.superseded].sort()).toEqual(queued.map((s) => s.notificationId).sort());
    expect(d.sends.map((s) => [s.kind, s.notBefore])).toEqual([
      ['storage-extended', '2026-01-02T10:00:00.000Z'],
      ['storage-deadline-approaching', '2026-01-07T21:00:00.000Z'],
      ['storage-last-day', '2026-01-08T12:00:00.000Z'], // 09:00 in São Paulo on the deadline's day
    ]);
  });

  it('a delivery does not withdraw money news, such as a queued voucher announcement', () => {
    const voucher: SendNotification = {
      ...decide(EACH['compensation-granted'] as AftercareEvent, '2026-01-07T12:00:00.000Z').sends[0],
      notBefore: '2026-01-09T12:00:00.000Z',
    };
    const delivered: OrderEvent = {
      type: 'PickedUp',
      data: { orderId: 'o1', partner: 'pickup-point', partnerEventId: 'p1', occurredAt: '2026-01-08T12:00:00.000Z' },
    };
    expect(decide(delivered, '2026-01-08T12:00:00.000Z', [voucher]).superseded).toEqual([]);
  });

  it('the last-day reminder is at 09:00 local, or an hour before an early deadline', () => {
    expect(lastDayReminderAt('2026-01-08T21:00:00.000Z', 'America/Sao_Paulo')).toBe('2026-01-08T12:00:00.000Z');
    expect(lastDayReminderAt('2026-01-08T10:00:00.000Z', 'America/Sao_Paulo')).toBe('2026-01-08T09:00:00.000Z'); // 07:00 deadline, 06:00 reminder
  });

  it('puts money, shares and refusals into each language', () => {
    const render = (kind: (typeof AFTERCARE_KINDS)[number], language: 'en' | 'ru') => {
      const send = decide(EACH[kind] as AftercareEvent, '2026-01-07T12:00:00.000Z').sends[0];
      return renderNotification(kind, send.facts, { language, timeZone: 'America/Sao_Paulo', sentAt: '2026-01-07T12:00:00.000Z' }).text;
    };
    expect(render('compensation-granted', 'en')).toContain('a voucher for R$25.00');
    expect(render('compensation-granted', 'ru')).toMatch(/купон на 25,00\sR\$/);
    expect(render('refund-issued', 'en')).toContain('We have refunded R$129.90 to your original payment method.');
    expect(render('refund-issued', 'ru')).toMatch(/Мы вернули 129,90\sR\$ на исходный способ оплаты\./);
    expect(render('return-rejected', 'en')).toContain('Items of this category cannot be returned.');
    expect(render('return-rejected', 'ru')).toContain('Товары этой категории возврату не подлежат.');
    expect(render('storage-extended', 'ru')).toContain('до 8 января');
  });
});
