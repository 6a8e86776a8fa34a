import type { OrderEvent, PartnerEvent } from '@ot/domain';
import { given, partnerEvent, placed } from '@ot/testing';

const record = (event: OrderEvent) => ({ type: 'RecordPartnerEvent' as const, data: { event: event as PartnerEvent } });

describe('order decider', () => {
  const handedOver = partnerEvent('HandedToCarrier', '2026-01-02T10:00:00.000Z', {}, { partner: 'warehouse' });
  const inTransit = partnerEvent('InTransit', '2026-01-03T10:00:00.000Z', { location: { city: 'Campinas', state: 'SP' } });
  const delivered = partnerEvent('Delivered', '2026-01-05T10:00:00.000Z');

  it('places a new order', () => {
    given().when(record(placed())).then([placed()]);
  });

  it('answers a repeated placement with the same partner event id with nothing new', () => {
    given(placed()).when(record(placed())).then([]);
  });

  it('rejects a second placement with another partner event id', () => {
    given(placed())
      .when(record(placed('o1', { partnerEventId: 'other' })))
      .thenThrows('ORDER_ALREADY_EXISTS');
  });

  it('rejects an event for an order never placed', () => {
    given().when(record(handedOver)).thenThrows('ORDER_NOT_FOUND');
  });

  it('refuses a reused partner event id that carries other facts (placed, then canceled with the same id)', () => {
    const cancelWithPlacedId = partnerEvent('OrderCanceled', '2026-01-01T12:00:00.000Z', {}, { partner: 'warehouse', partnerEventId: 'o1-placed' });
    given(placed()).when(record(cancelWithPlacedId)).thenThrows('DUPLICATE_EVENT_ID_CONFLICT');
    given(placed())
      .when(record(placed('o1', { promisedBy: '2026-01-12' })))
      .thenThrows('DUPLICATE_EVENT_ID_CONFLICT');
    given(placed(), handedOver, inTransit)
      .when(record({ ...inTransit, data: { ...inTransit.data, location: { city: 'Rio' } } } as OrderEvent))
      .thenThrows('DUPLICATE_EVENT_ID_CONFLICT');
  });

  it('takes the same facts under the same id as a duplicate, whatever order the fields come in', () => {
    const { origin, destination, ...rest } = placed().data;
    given(placed())
      .when(record({ type: 'OrderPlaced', data: { destination, ...rest, origin } } as OrderEvent))
      .then([]);
  });

  it('keeps event ids per partner: the courier may reuse an id the warehouse used', () => {
    const sameIdOtherPartner = partnerEvent('HandedToCarrier', '2026-01-02T10:00:00.000Z', {}, { partner: 'courier', partnerEventId: 'o1-placed' });
    given(placed()).when(record(sameIdOtherPartner)).then([sameIdOtherPartner]);
  });

  it('rejects a promise dated before the order was placed, in every time zone', () => {
    given()
      .when(record(placed('o1', { occurredAt: '2026-01-05T10:00:00.000Z', promisedBy: '2026-01-03' })))
      .thenThrows('INVALID_EVENT');
    // 01:00Z on the 5th is still the 4th west of Greenwich (22:00 in Sao Paulo): a promise for the 4th is not before placement
    const lateEvening = placed('o1', { occurredAt: '2026-01-05T01:00:00.000Z', promisedBy: '2026-01-04' });
    given().when(record(lateEvening)).then([lateEvening]);
  });

  it('rejects a promise more than a year after the placement: a typo such as 9999-12-31 is not a promise', () => {
    const promised = (promisedBy: string) => placed('o1', { occurredAt: '2026-01-05T10:00:00.000Z', promisedBy });
    for (const typo of ['9999-12-31', '2027-01-07'])
      given()
        .when(record(promised(typo)))
        .thenThrows('INVALID_EVENT');
    // 365 days after the placement's day east of Greenwich (UTC+14) is still a promise
    given()
      .when(record(promised('2027-01-06')))
      .then([promised('2027-01-06')]);
  });

  it('rejects an arrival at a pickup point whose storage deadline is not after the arrival', () => {
    const arrival = (storageDeadline: string) =>
      partnerEvent(
        'ArrivedAtPickupPoint',
        '2026-01-04T10:00:00.000Z',
        { pickupPoint: { pointId: 'P-7', address: 'Rua A, 1', storageDeadline } },
        { partner: 'pickup-point' },
      );
    // a month typed wrong would otherwise expire the storage at once: returned to the sender, refund started
    given(placed(), handedOver)
      .when(record(arrival('2025-12-11T23:59:00.000Z')))
      .thenThrows('INVALID_EVENT');
    given(placed(), handedOver)
      .when(record(arrival('2026-01-04T10:00:00.000Z')))
      .thenThrows('INVALID_EVENT');
    const fine = arrival('2026-01-11T23:59:00.000Z');
    given(placed(), handedOver).when(record(fine)).then([fine]);
  });

  it('moves forward through the lifecycle', () => {
    given(placed(), handedOver).when(record(inTransit)).then([inTransit]);
  });

  it('is idempotent on the partner event id', () => {
    given(placed(), handedOver, inTransit).when(record(inTransit)).then([]);
  });

  it('does not take a delivered order back in transit', () => {
    const laterTransit = partnerEvent('InTransit', '2026-01-06T10:00:00.000Z', { location: { city: 'Rio' } });
    given(placed(), handedOver, delivered).when(record(laterTransit)).thenThrows('ILLEGAL_TRANSITION');
  });

  it('records a late scan (older than the current status) in history without rejecting it', () => {
    given(placed(), handedOver, delivered).when(record(inTransit)).then([inTransit]);
  });

  it('does not cancel an order already with the carrier', () => {
    const cancel = partnerEvent('OrderCanceled', '2026-01-03T10:00:00.000Z', {}, { partner: 'warehouse' });
    given(placed(), handedOver).when(record(cancel)).thenThrows('ILLEGAL_TRANSITION');
  });

  it('lets a failed attempt go back out for delivery', () => {
    const out1 = partnerEvent('OutForDelivery', '2026-01-04T08:00:00.000Z');
    const failed = partnerEvent('DeliveryAttemptFailed', '2026-01-04T12:00:00.000Z', { reason: 'nobody home' });
    const out2 = partnerEvent('OutForDelivery', '2026-01-05T08:00:00.000Z');
    given(placed(), handedOver, out1, failed).when(record(out2)).then([out2]);
  });

  it('only lets a parcel be picked up from a pickup point', () => {
    const pickedUp = partnerEvent('PickedUp', '2026-01-04T08:00:00.000Z', {}, { partner: 'pickup-point' });
    given(placed(), handedOver).when(record(pickedUp)).thenThrows('ILLEGAL_TRANSITION');
  });

  describe('system conclusions', () => {
    const predict = {
      type: 'PredictDelay' as const,
      data: {
        orderId: 'o1',
        reason: 'eta-beyond-promise' as const,
        newExpected: '2026-01-12',
        promisedBy: '2026-01-10',
        detectedAt: '2026-01-03T00:00:00.000Z',
      },
    };
    it('predicts a delay once for the same new date', () => {
      given(placed())
        .when(predict)
        .then([{ type: 'DelayPredicted', data: predict.data }]);
      given(placed(), { type: 'DelayPredicted', data: predict.data }).when(predict).then([]);
    });
    it('does not predict delays for a delivered order', () => {
      given(placed(), handedOver, delivered).when(predict).then([]);
    });
    it('tells a partner reason even when a delay with the same date is active', () => {
      const weather = { ...predict, data: { ...predict.data, reason: 'weather' as const } };
      given(placed(), { type: 'DelayPredicted', data: predict.data })
        .when(weather)
        .then([{ type: 'DelayPredicted', data: weather.data }]);
    });
    it('records a promise broken by a late delivery, but not for a canceled order', () => {
      const broken = { type: 'BreakPromise' as const, data: { orderId: 'o1', promisedBy: '2026-01-04', detectedAt: '2026-01-05T10:00:00.000Z' } };
      given(placed(), handedOver, delivered)
        .when(broken)
        .then([{ type: 'PromiseBroken', data: broken.data }]);
      const cancel = partnerEvent('OrderCanceled', '2026-01-01T12:00:00.000Z', {}, { partner: 'warehouse' });
      given(placed(), cancel).when(broken).then([]);
    });
    it('clears only an active delay', () => {
      const clear = { type: 'ClearDelay' as const, data: { orderId: 'o1', newExpected: '2026-01-09', clearedAt: '2026-01-04T00:00:00.000Z' } };
      given(placed()).when(clear).then([]);
      given(placed(), { type: 'DelayPredicted', data: predict.data })
        .when(clear)
        .then([{ type: 'DelayCleared', data: clear.data }]);
    });
  });
});
