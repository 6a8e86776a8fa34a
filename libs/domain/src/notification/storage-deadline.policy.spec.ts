import type { SentNotification } from './frequency-cap.policy';
import { decideStorageReminder, storageReminderAt } from './storage-deadline.policy';
import type { CustomerPreferences } from './notification.types';

const DEADLINE = '2026-11-30T15:00:00.000Z'; // 18:00 MSK
const pickupPoint = { pointId: 'pp1', address: 'Tverskaya 1', storageDeadline: DEADLINE };
const preferences: CustomerPreferences = {
  customerId: 'c1',
  language: 'ru',
  timeZone: 'Europe/Moscow',
  quietHours: { start: '22:00', end: '08:00' },
  channels: { 'storage-deadline-approaching': ['sms'] },
  contacts: { deviceTokens: [], phone: '+79990000000' },
};
const waiting = { orderId: 'o1', customerId: 'c1', status: 'ArrivedAtPickupPoint' as const };

/** given the order and the log, when the reminder check runs at `now`, then ... */
const given = (order = waiting, sent: SentNotification[] = [], prefs = preferences) => ({
  when: (now: string) => [...decideStorageReminder({ order, pickupPoint, preferences: prefs, sent, now }).sends],
});

describe('storage deadline reminder', () => {
  it('is due 24 h before the deadline by default, or at a given lead', () => {
    expect(storageReminderAt(DEADLINE)).toBe('2026-11-29T15:00:00.000Z');
    expect(storageReminderAt(DEADLINE, 6 * 3_600_000)).toBe('2026-11-30T09:00:00.000Z');
  });

  it('given the parcel still waiting, when the check runs at the reminder time, then it reminds once, with address and deadline', () => {
    expect(given().when('2026-11-29T15:00:00.000Z')).toEqual([
      {
        notificationId: 'o1:storage-deadline-approaching:pp1@2026-11-30T15:00:00.000Z',
        orderId: 'o1',
        customerId: 'c1',
        kind: 'storage-deadline-approaching',
        urgent: false,
        channels: ['sms'],
        notBefore: '2026-11-29T15:00:00.000Z',
        facts: { orderId: 'o1', status: 'ArrivedAtPickupPoint', pickupPoint: { address: 'Tverskaya 1', storageDeadline: DEADLINE } },
      },
    ]);
  });

  it('given the reminder already sent, when the check runs again, then nothing', () => {
    const sent = [
      {
        notificationId: 'o1:storage-deadline-approaching:pp1@2026-11-30T15:00:00.000Z',
        orderId: 'o1',
        kind: 'storage-deadline-approaching' as const,
        at: '2026-11-29T15:00:00.000Z',
      },
    ];
    expect(given(waiting, sent).when('2026-11-29T16:00:00.000Z')).toEqual([]);
  });

  it('given it is too early or the deadline passed, then nothing', () => {
    expect(given().when('2026-11-29T14:59:00.000Z')).toEqual([]);
    expect(given().when(DEADLINE)).toEqual([]);
  });

  it('given the parcel already picked up, then nothing', () => {
    expect(given({ ...waiting, status: 'PickedUp' as never }).when('2026-11-29T15:00:00.000Z')).toEqual([]);
  });

  it('given the check runs in quiet hours, then it waits for the morning', () => {
    expect(given().when('2026-11-29T20:00:00.000Z')[0].notBefore).toBe('2026-11-30T05:00:00.000Z'); // 23:00 MSK -> 08:00 MSK
  });

  it('given quiet hours would end after the deadline, then it goes now rather than too late', () => {
    const lateNight = { ...preferences, quietHours: { start: '12:00', end: '20:00' } };
    expect(given(waiting, [], lateNight).when('2026-11-30T10:00:00.000Z')[0].notBefore).toBe('2026-11-30T10:00:00.000Z'); // 13:00 MSK; quiet ends 20:00 > 18:00 deadline
  });
});
