import type { ExpireStorage, ExtendStorage, OrderEvent, StorageExtended } from '@ot/domain';
import { given, partnerEvent, placed } from '@ot/testing';

const DEADLINE = '2026-01-08T18:00:00.000Z';
const point = { pointId: 'pp1', address: 'Rua A 1', storageDeadline: DEADLINE };
const arrived = partnerEvent('ArrivedAtPickupPoint', '2026-01-05T10:00:00.000Z', { pickupPoint: point }, { partner: 'pickup-point' });
const extend = (requestId = 'r1', occurredAt = '2026-01-07T10:00:00.000Z'): ExtendStorage => ({
  type: 'ExtendStorage',
  data: { orderId: 'o1', requestId, days: 3, occurredAt },
});
const extended: StorageExtended = {
  type: 'StorageExtended',
  data: {
    orderId: 'o1',
    requestId: 'r1',
    pickupPoint: { ...point, storageDeadline: '2026-01-11T18:00:00.000Z' },
    previousDeadline: DEADLINE,
    occurredAt: '2026-01-07T10:00:00.000Z',
  },
};
const expire = (checkedAt: string): ExpireStorage => ({ type: 'ExpireStorage', data: { orderId: 'o1', checkedAt } });
const expiredAt = (at: string): OrderEvent[] => [
  { type: 'StorageExpired', data: { orderId: 'o1', pointId: 'pp1', storageDeadline: at, occurredAt: at } },
  { type: 'RefundStarted', data: { orderId: 'o1', cause: 'storage-expired', occurredAt: at } },
];

describe('pickup-point storage decider', () => {
  it('extends the deadline once by the days asked, keeping the point', () => {
    given(placed(), arrived).when(extend()).then([extended]);
  });

  it('answers the same request id again with nothing new, and refuses a second extension', () => {
    given(placed(), arrived, extended).when(extend()).then([]);
    given(placed(), arrived, extended).when(extend('r2')).thenThrows('REQUEST_REFUSED');
  });

  it('refuses an extension when the parcel is not waiting or the deadline has passed', () => {
    given(placed()).when(extend()).thenThrows('REQUEST_REFUSED');
    given(placed(), arrived, partnerEvent('PickedUp', '2026-01-06T10:00:00.000Z', {}, { partner: 'pickup-point' }))
      .when(extend())
      .thenThrows('REQUEST_REFUSED');
    given(placed(), arrived).when(extend('r1', DEADLINE)).thenThrows('REQUEST_REFUSED');
  });

  it('sends an uncollected parcel back at its deadline, and starts the refund', () => {
    given(placed(), arrived).when(expire('2026-01-08T19:00:00.000Z')).then(expiredAt(DEADLINE));
  });

  it('does nothing before the (extended) deadline, nor for a collected parcel, nor twice', () => {
    given(placed(), arrived).when(expire('2026-01-08T17:59:59.000Z')).then([]);
    given(placed(), arrived, extended).when(expire('2026-01-09T00:00:00.000Z')).then([]);
    given(placed(), arrived, extended).when(expire('2026-01-11T18:00:00.000Z')).then(expiredAt('2026-01-11T18:00:00.000Z'));
    given(placed(), arrived, partnerEvent('PickedUp', '2026-01-06T10:00:00.000Z', {}, { partner: 'pickup-point' }))
      .when(expire('2026-01-09T00:00:00.000Z'))
      .then([]);
    given(placed(), arrived, ...expiredAt(DEADLINE))
      .when(expire('2026-01-09T00:00:00.000Z'))
      .then([]);
  });

  it('refuses a pick-up after the parcel went back', () => {
    given(placed(), arrived, ...expiredAt(DEADLINE))
      .when({ type: 'RecordPartnerEvent', data: { event: partnerEvent('PickedUp', '2026-01-09T10:00:00.000Z', {}, { partner: 'pickup-point' }) as never } })
      .thenThrows('ILLEGAL_TRANSITION');
  });

  it('lets a new arrival elsewhere start afresh: the old extension does not carry over', () => {
    const again = partnerEvent(
      'ArrivedAtPickupPoint',
      '2026-01-12T10:00:00.000Z',
      { pickupPoint: { ...point, pointId: 'pp2', storageDeadline: '2026-01-15T18:00:00.000Z' } },
      { partner: 'pickup-point' },
    );
    const out = partnerEvent('OutForDelivery', '2026-01-10T10:00:00.000Z');
    given(placed(), arrived, extended, out, again).when(expire('2026-01-12T00:00:00.000Z')).then([]);
    given(placed(), arrived, extended, out, again)
      .when(extend('r2', '2026-01-13T10:00:00.000Z'))
      .then([
        {
          type: 'StorageExtended',
          data: {
            orderId: 'o1',
            requestId: 'r2',
            pickupPoint: { ...point, pointId: 'pp2', storageDeadline: '2026-01-18T18:00:00.000Z' },
            previousDeadline: '2026-01-15T18:00:00.000Z',
            occurredAt: '2026-01-13T10:00:00.000Z',
          },
        },
      ]);
  });
});
