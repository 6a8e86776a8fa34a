import { toPartnerEvent } from '../partner-webhooks';
import { InvalidPayloadError } from '@ot/http';

const base = { trackingEventId: 'trk-1', shipmentRef: 'o1', timestamp: '2026-01-03T10:00:00Z' };
const facts = { orderId: 'o1', partner: 'courier', partnerEventId: 'trk-1', occurredAt: '2026-01-03T10:00:00.000Z' };

function fieldsRejected(body: unknown): string[] {
  try {
    toPartnerEvent('courier', body);
  } catch (error) {
    if (error instanceof InvalidPayloadError) return error.errors.map((e) => e.field);
    throw error;
  }
  throw new Error('payload was accepted');
}

describe('courier webhook normaliser', () => {
  it.each([
    [{ status: 'PICKED_UP' }, { type: 'HandedToCarrier', data: { ...facts, carrier: 'courier' } }],
    [
      { status: 'IN_TRANSIT', location: { city: 'Campinas', state: 'SP', zip: '13000000' } },
      { type: 'InTransit', data: { ...facts, location: { city: 'campinas', state: 'SP', zipPrefix: '13000' } } },
    ],
    [
      { status: 'OUT_FOR_DELIVERY', location: { city: 'Rio' } },
      { type: 'OutForDelivery', data: facts },
    ],
    [
      { status: 'ATTEMPT_FAILED', reason: 'nobody home' },
      { type: 'DeliveryAttemptFailed', data: { ...facts, reason: 'nobody home' } },
    ],
    [{ status: 'DELIVERED' }, { type: 'Delivered', data: facts }],
    [
      { status: 'RETURNED_TO_SENDER', reason: 'refused' },
      { type: 'ReturnedToSender', data: { ...facts, reason: 'refused' } },
    ],
    [
      { status: 'EXCEPTION', exceptionCode: 'WEATHER', reason: 'flooded road' },
      { type: 'DelayReported', data: { ...facts, reason: 'weather', detail: 'flooded road' } },
    ],
  ])('maps %j', (extra, expected) => {
    expect(toPartnerEvent('courier', { ...base, ...extra })).toEqual(expected);
  });

  it('requires what each status needs', () => {
    expect(fieldsRejected({ ...base, status: 'IN_TRANSIT' })).toEqual(['location']);
    expect(fieldsRejected({ ...base, status: 'ATTEMPT_FAILED' })).toEqual(['reason']);
    expect(fieldsRejected({ ...base, status: 'EXCEPTION' })).toEqual(['exceptionCode']);
    expect(fieldsRejected({ ...base, status: 'EXCEPTION', exceptionCode: 'GREMLINS' })).toEqual(['exceptionCode']);
  });

  it('rejects unknown fields and a missing shipment reference', () => {
    expect(fieldsRejected({ ...base, status: 'DELIVERED', signedBy: 'Ana' })).toEqual(['signedBy']);
    expect(fieldsRejected({ trackingEventId: 'trk-1', status: 'DELIVERED', timestamp: base.timestamp })).toEqual(['shipmentRef']);
  });
});
