import { toPartnerEvent } from '../partner-webhooks';
import { InvalidPayloadError } from '@ot/http';

const base = { eventId: 'wh-1', orderId: 'o1', occurredAt: '2026-01-01T07:00:00-03:00' };
const facts = { orderId: 'o1', partner: 'warehouse', partnerEventId: 'wh-1', occurredAt: '2026-01-01T10:00:00.000Z' };
const placedPayload = {
  ...base,
  event: 'order.placed',
  customerId: 'c1',
  promisedDate: '2026-01-10',
  origin: { zip: '01310-100', city: 'São Paulo', state: 'sp' },
  destination: { city: 'Rio de Janeiro' },
  itemCount: 2,
  sellerId: 'seller-7',
};

function fieldsRejected(body: unknown): string[] {
  try {
    toPartnerEvent('warehouse', body);
  } catch (error) {
    if (error instanceof InvalidPayloadError) return error.errors.map((e) => e.field);
    throw error;
  }
  throw new Error('payload was accepted');
}

describe('warehouse webhook normaliser', () => {
  it('turns order.placed into OrderPlaced with UTC time and normalised places', () => {
    expect(toPartnerEvent('warehouse', placedPayload)).toEqual({
      type: 'OrderPlaced',
      data: {
        ...facts,
        customerId: 'c1',
        promisedBy: '2026-01-10',
        origin: { zipPrefix: '01310', city: 'sao paulo', state: 'SP' },
        destination: { city: 'rio de janeiro' },
        itemCount: 2,
        sellerId: 'seller-7',
      },
    });
  });

  it("carries the seller's hand-over deadline (optional, an instant with its offset) into OrderPlaced, in UTC", () => {
    const withDeadline = { ...placedPayload, handOverBy: '2026-01-03T18:00:00-03:00' };
    expect(toPartnerEvent('warehouse', withDeadline).data).toMatchObject({ handOverBy: '2026-01-03T21:00:00.000Z' });
    expect(toPartnerEvent('warehouse', placedPayload).data).not.toHaveProperty('handOverBy');
    expect(fieldsRejected({ ...placedPayload, handOverBy: '2026-01-03T18:00:00' })).toEqual(['handOverBy']);
    expect(fieldsRejected({ ...base, event: 'payment.approved', handOverBy: '2026-01-03T18:00:00Z' })).toEqual(['handOverBy']);
  });

  it("carries the parcel's value and freight (optional, non-negative numbers) into OrderPlaced", () => {
    const priced = { ...placedPayload, priceTotal: 129.9, freightTotal: 0 };
    expect(toPartnerEvent('warehouse', priced).data).toMatchObject({ priceTotal: 129.9, freightTotal: 0 });
    expect(toPartnerEvent('warehouse', placedPayload).data).not.toHaveProperty('freightTotal');
    expect(fieldsRejected({ ...placedPayload, priceTotal: -1, freightTotal: '19.9' })).toEqual(['priceTotal', 'freightTotal']);
    expect(fieldsRejected({ ...base, event: 'payment.approved', freightTotal: 5 })).toEqual(['freightTotal']);
  });

  it.each([
    [{ event: 'payment.approved' }, { type: 'PaymentApproved', data: facts }],
    [{ event: 'order.packed' }, { type: 'OrderPacked', data: facts }],
    [
      { event: 'parcel.handed_over', carrier: 'jadlog' },
      { type: 'HandedToCarrier', data: { ...facts, carrier: 'jadlog' } },
    ],
    [
      { event: 'order.canceled', reason: 'customer asked' },
      { type: 'OrderCanceled', data: { ...facts, reason: 'customer asked' } },
    ],
    [
      { event: 'order.delayed', reason: 'address_problem', detail: 'no number' },
      { type: 'DelayReported', data: { ...facts, reason: 'address-problem', detail: 'no number' } },
    ],
  ])('maps %j', (extra, expected) => {
    expect(toPartnerEvent('warehouse', { ...base, ...extra })).toEqual(expected);
  });

  it('names every missing field of an order.placed', () => {
    expect(fieldsRejected({ ...base, event: 'order.placed' })).toEqual(['customerId', 'promisedDate', 'origin', 'destination']);
  });

  it('names nested fields', () => {
    expect(fieldsRejected({ ...placedPayload, origin: { zip: 1310 } })).toEqual(['origin.zip']);
  });

  it('rejects fields that belong to another event', () => {
    expect(fieldsRejected({ ...base, event: 'payment.approved', customerId: 'c1' })).toEqual(['customerId']);
    expect(fieldsRejected({ ...base, event: 'parcel.handed_over', sellerId: 'seller-7' })).toEqual(['sellerId']);
  });

  it('takes the seller id as optional, under the id rule', () => {
    const { sellerId: _none, ...withoutSeller } = placedPayload;
    expect(toPartnerEvent('warehouse', withoutSeller).data).not.toHaveProperty('sellerId');
    expect(fieldsRejected({ ...placedPayload, sellerId: '..' })).toEqual(['sellerId']);
  });

  it('requires a known reason on order.delayed but only free text on order.canceled', () => {
    expect(fieldsRejected({ ...base, event: 'order.delayed' })).toEqual(['reason']);
    expect(fieldsRejected({ ...base, event: 'order.delayed', reason: 'aliens' })).toEqual(['reason']);
    expect(toPartnerEvent('warehouse', { ...base, event: 'order.canceled' })).toEqual({ type: 'OrderCanceled', data: facts });
  });

  it('rejects instants without an offset, impossible dates and unknown events', () => {
    expect(fieldsRejected({ ...base, event: 'order.packed', occurredAt: '2026-01-01T10:00:00' })).toEqual(['occurredAt']);
    expect(fieldsRejected({ ...placedPayload, promisedDate: '2026-02-30' })).toEqual(['promisedDate']);
    expect(fieldsRejected({ ...base, event: 'order.teleported' })).toEqual(['event']);
    expect(fieldsRejected([placedPayload])).toEqual(['(body)']);
  });
});
