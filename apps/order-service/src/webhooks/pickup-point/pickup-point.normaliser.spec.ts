import { toPartnerEvent } from '../partner-webhooks';
import { InvalidPayloadError } from '@ot/http';

const base = { id: 'pp-1', orderId: 'o1', at: '2026-01-04T12:00:00+01:00' };
const facts = { orderId: 'o1', partner: 'pickup-point', partnerEventId: 'pp-1', occurredAt: '2026-01-04T11:00:00.000Z' };

function fieldsRejected(body: unknown): string[] {
  try {
    toPartnerEvent('pickup-point', body);
  } catch (error) {
    if (error instanceof InvalidPayloadError) return error.errors.map((e) => e.field);
    throw error;
  }
  throw new Error('payload was accepted');
}

describe('pickup-point webhook normaliser', () => {
  it('turns an arrival into ArrivedAtPickupPoint with the point and its storage deadline in UTC', () => {
    const body = { ...base, kind: 'arrived', point: { id: 'P-7', address: 'Rua A, 1' }, storageDeadline: '2026-01-11T23:59:00-03:00' };
    expect(toPartnerEvent('pickup-point', body)).toEqual({
      type: 'ArrivedAtPickupPoint',
      data: { ...facts, pickupPoint: { pointId: 'P-7', address: 'Rua A, 1', storageDeadline: '2026-01-12T02:59:00.000Z' } },
    });
  });

  it.each([
    ['picked_up', 'PickedUp'],
    ['returned', 'ReturnedToSender'],
  ])('maps %s to %s', (kind, type) => {
    expect(toPartnerEvent('pickup-point', { ...base, kind })).toEqual({ type, data: facts });
  });

  it('requires the point and the storage deadline on arrival only', () => {
    expect(fieldsRejected({ ...base, kind: 'arrived' })).toEqual(['point', 'storageDeadline']);
    expect(fieldsRejected({ ...base, kind: 'arrived', point: { id: 'P-7' }, storageDeadline: '2026-01-11T23:59:00Z' })).toEqual(['point.address']);
  });
});
