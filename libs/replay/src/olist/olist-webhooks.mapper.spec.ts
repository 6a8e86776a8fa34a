import { orderSteps, parseCsv, timeline, toOlistOrder, toPartnerEvent, toWebhook } from '@ot/replay';

const SP = 'America/Sao_Paulo';
const CSV = [
  'order_id,customer_id,order_status,purchased_at,approved_at,handed_to_carrier_at,delivered_at,promised_date,customer_zip_prefix,customer_city,customer_state,seller_id,seller_zip_prefix,seller_city,seller_state,item_count,price_total,freight_total,shipping_limit_at',
  'a1,c1,delivered,2017-10-02T10:56:33,2017-10-02T11:07:15,2017-10-04T19:55:00,2017-10-10T21:25:13,2017-10-18,03149,sao paulo,SP,s1,09350,maua,SP,1,29.99,8.72,2017-10-06T11:07:15',
  'b2,c2,canceled,2017-06-01T09:00:00,2017-06-01T09:30:00,,,2017-06-20,20040,rio de janeiro,RJ,s2,"01310","sao paulo, centro",SP,2,10.00,5.00,2017-06-05T09:30:00',
  'c3,c3,canceled,2017-06-01T09:00:00,,2017-06-02T10:00:00,,2017-06-20,20040,rio de janeiro,RJ,s2,01310,sao paulo,SP,1,10.00,5.00,2017-06-05T09:30:00',
].join('\n');

describe('Olist replay mapping', () => {
  const [a1, b2, c3] = parseCsv(CSV).map(toOlistOrder);

  it('parses quoted fields', () => {
    expect(b2.seller).toEqual({ zip: '01310', city: 'sao paulo, centro', state: 'SP' });
  });

  it('turns a delivered row into placed, approved, handed over (warehouse) and delivered (courier), with local offsets', () => {
    const calls = orderSteps(a1, SP).map((s) => toWebhook(s, SP));
    expect(calls.map((c) => [c.channel, c.body.event ?? c.body.status])).toEqual([
      ['warehouse', 'order.placed'],
      ['warehouse', 'payment.approved'],
      ['warehouse', 'parcel.handed_over'],
      ['courier', 'DELIVERED'],
    ]);
    expect(calls[0].body).toEqual({
      eventId: 'a1:placed',
      event: 'order.placed',
      orderId: 'a1',
      occurredAt: '2017-10-02T10:56:33-03:00',
      customerId: 'c1',
      promisedDate: '2017-10-18',
      origin: { zip: '09350', city: 'maua', state: 'SP' },
      destination: { zip: '03149', city: 'sao paulo', state: 'SP' },
      sellerId: 's1',
      itemCount: 1,
      priceTotal: 29.99,
      freightTotal: 8.72,
      handOverBy: '2017-10-06T11:07:15-03:00',
    });
    expect(calls[3].body).toEqual({ trackingEventId: 'a1:delivered', shipmentRef: 'a1', status: 'DELIVERED', timestamp: '2017-10-10T21:25:13-03:00' });
  });

  it('keeps the hand-over deadline at its distance from the purchase in a replay shifted in time, and leaves it out when the row has none', () => {
    const placed = orderSteps(a1, SP)[0];
    const shifted = toPartnerEvent({ ...placed, at: placed.at + 86_400_000 }, SP);
    expect(shifted.data).toMatchObject({ occurredAt: '2017-10-03T13:56:33.000Z', handOverBy: '2017-10-07T14:07:15.000Z' });
    const none = { ...a1, shippingLimitAt: undefined };
    expect(toWebhook(orderSteps(none, SP)[0], SP).body).not.toHaveProperty('handOverBy');
  });

  it("leaves the parcel's value and freight out when the row has none", () => {
    const none = { ...a1, priceTotal: undefined, freightTotal: undefined };
    expect(toWebhook(orderSteps(none, SP)[0], SP).body).not.toHaveProperty('freightTotal');
    expect(toPartnerEvent(orderSteps(none, SP)[0], SP).data).not.toHaveProperty('priceTotal');
    expect(toOlistOrder({ ...parseCsv(CSV)[0], freight_total: '', price_total: 'n/a' })).toMatchObject({ priceTotal: undefined, freightTotal: undefined });
  });

  it('cancels a row never handed over at the seller deadline, and never one already with the carrier', () => {
    expect(orderSteps(b2, SP).map((s) => s.kind)).toEqual(['placed', 'approved', 'canceled']);
    expect(toWebhook(orderSteps(b2, SP)[2], SP).body).toMatchObject({ event: 'order.canceled', occurredAt: '2017-06-05T09:30:00-03:00' });
    expect(orderSteps(c3, SP).map((s) => s.kind)).toEqual(['placed', 'handed']);
  });

  it('interleaves orders by time while keeping each order in its own order', () => {
    const kinds = timeline([a1, b2, c3], SP).map((s) => `${s.order.orderId}:${s.kind}`);
    expect(kinds).toEqual(['b2:placed', 'c3:placed', 'b2:approved', 'c3:handed', 'b2:canceled', 'a1:placed', 'a1:approved', 'a1:handed', 'a1:delivered']);
  });

  it('maps the same steps to the domain events the normalisers would make (UTC instants, same ids)', () => {
    const events = orderSteps(a1, SP).map((s) => toPartnerEvent(s, SP));
    expect(events[0]).toEqual({
      type: 'OrderPlaced',
      data: {
        orderId: 'a1',
        partner: 'warehouse',
        partnerEventId: 'a1:placed',
        occurredAt: '2017-10-02T13:56:33.000Z',
        customerId: 'c1',
        promisedBy: '2017-10-18',
        origin: { zipPrefix: '09350', city: 'maua', state: 'SP' },
        destination: { zipPrefix: '03149', city: 'sao paulo', state: 'SP' },
        sellerId: 's1',
        itemCount: 1,
        priceTotal: 29.99,
        freightTotal: 8.72,
        handOverBy: '2017-10-06T14:07:15.000Z',
      },
    });
    expect(events[3]).toMatchObject({
      type: 'Delivered',
      data: { partner: 'courier', partnerEventId: 'a1:delivered', occurredAt: '2017-10-11T00:25:13.000Z' },
    });
  });
});
