import { InMemoryEventStore } from '@ot/event-store';
import { courier, newOrderId, orderPlaced, pickupPoint, warehouse } from './support/payloads';
import { eventually } from '@ot/testing';
import { startTestApp, type TestApp } from './support/test-app';

/** Waits until GET /orders/:id shows the document at `version` (the projection is asynchronous). */
async function statusAt(t: TestApp, orderId: string, version: number) {
  return eventually(async () => {
    const res = await t.getOrder(orderId);
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.version).toBe(version);
    return doc;
  });
}

describe('webhooks to status (HTTP, in-memory store)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('records a signed webhook (202) and GET /orders/:id then shows the new status', async () => {
    const orderId = newOrderId();
    expect((await t.webhook('warehouse', orderPlaced(orderId))).statusCode).toBe(202);
    const handed = await t.webhook('courier', courier(orderId, 'PICKED_UP', '2026-01-02T09:00:00Z'));
    expect(handed.statusCode).toBe(202);
    expect(handed.json()).toEqual({ orderId, outcome: 'appended', streamVersion: 2 });
    const doc = await statusAt(t, orderId, 2);
    expect(doc).toMatchObject({
      orderId,
      status: 'HandedToCarrier',
      promisedBy: '2026-01-10',
      destination: { zipPrefix: '20040', city: 'rio de janeiro', state: 'RJ' },
      delay: { isDelayed: false },
      eta: null,
    });
    expect(doc.timeline.map((e: { type: string }) => e.type)).toEqual(['OrderPlaced', 'HandedToCarrier']);
  });

  it('answers a repeated partner event id with 200 and the original stream version', async () => {
    const orderId = newOrderId();
    await t.webhook('warehouse', orderPlaced(orderId));
    const packed = warehouse(orderId, 'order.packed', '2026-01-01T12:00:00Z');
    expect((await t.webhook('warehouse', packed)).json().streamVersion).toBe(2);
    await t.webhook('warehouse', warehouse(orderId, 'parcel.handed_over', '2026-01-01T15:00:00Z'));
    const again = await t.webhook('warehouse', packed);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ orderId, outcome: 'duplicate', streamVersion: 2 });
  });

  it('answers an event for an unknown order with 404 problem', async () => {
    const res = await t.webhook('courier', courier(newOrderId(), 'DELIVERED', '2026-01-05T10:00:00Z'));
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, title: 'Order not found' });
  });

  it('answers a second placement of the same order with 409', async () => {
    const orderId = newOrderId();
    await t.webhook('warehouse', orderPlaced(orderId));
    const res = await t.webhook('warehouse', orderPlaced(orderId));
    expect(res.statusCode).toBe(409);
  });

  it('answers an illegal transition with 409 naming from and to', async () => {
    const orderId = newOrderId();
    await t.webhook('warehouse', orderPlaced(orderId));
    const res = await t.webhook('pickup-point', pickupPoint(orderId, 'picked_up', '2026-01-02T10:00:00Z'));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ status: 409, from: 'Placed', to: 'PickedUp' });
    expect(res.json().detail).toContain('from Placed to PickedUp');
  });

  it('accepts a late scan, keeps it in the timeline, and does not move the status back', async () => {
    const orderId = newOrderId();
    await t.webhook('warehouse', orderPlaced(orderId));
    await t.webhook('courier', courier(orderId, 'OUT_FOR_DELIVERY', '2026-01-04T08:00:00Z'));
    const late = await t.webhook('courier', courier(orderId, 'IN_TRANSIT', '2026-01-03T08:00:00Z', { location: { city: 'Campinas', state: 'SP' } }));
    expect(late.statusCode).toBe(202);
    const doc = await statusAt(t, orderId, 3);
    expect(doc.status).toBe('OutForDelivery');
    expect(doc.timeline.find((e: { type: string }) => e.type === 'InTransit')).toMatchObject({ late: true, location: { city: 'campinas' } });
  });

  it('follows a parcel through a pickup point to collection', async () => {
    const orderId = newOrderId();
    await t.webhook('warehouse', orderPlaced(orderId));
    const point = { id: 'P-7', address: 'Rua A, 1 - Rio de Janeiro' };
    await t.webhook('pickup-point', pickupPoint(orderId, 'arrived', '2026-01-04T10:00:00Z', { point, storageDeadline: '2026-01-11T23:59:00-03:00' }));
    const doc = await statusAt(t, orderId, 2);
    expect(doc).toMatchObject({ status: 'ArrivedAtPickupPoint', pickupPoint: { pointId: 'P-7', storageDeadline: '2026-01-12T02:59:00.000Z' } });
    await t.webhook('pickup-point', pickupPoint(orderId, 'picked_up', '2026-01-05T10:00:00Z'));
    expect((await statusAt(t, orderId, 3)).status).toBe('PickedUp');
  });

  it('records concurrent scans of one order, each at its own version, without a conflict in the process', async () => {
    const orderId = newOrderId();
    await t.webhook('warehouse', orderPlaced(orderId));
    // A slow read would let every writer read the same version before anyone appends; commands for
    // one order wait for each other in the process, so none collides (handle-command.spec covers
    // the retry of a real conflict with another process).
    const readStream = InMemoryEventStore.prototype.readStream;
    const slowReads = jest.spyOn(InMemoryEventStore.prototype, 'readStream').mockImplementation(async function (this: InMemoryEventStore, id: string) {
      const read = await readStream.call(this, id);
      await new Promise((resolve) => setTimeout(resolve, 20));
      return read;
    } as typeof readStream);
    const appends = jest.spyOn(InMemoryEventStore.prototype, 'appendToStream');
    const scans = Array.from({ length: 4 }, (_, i) =>
      courier(orderId, 'IN_TRANSIT', `2026-01-03T${String(10 + i).padStart(2, '0')}:00:00Z`, { location: { city: `city ${i}` } }),
    );
    const responses = await Promise.all(scans.map((scan) => t.webhook('courier', scan)));
    const appendCalls = appends.mock.calls.length;
    appends.mockRestore();
    slowReads.mockRestore();
    expect(responses.map((r) => r.statusCode)).toEqual(Array(4).fill(202));
    expect(responses.map((r) => r.json().streamVersion).sort((a, b) => a - b)).toEqual([2, 3, 4, 5]);
    expect(appendCalls).toBe(4); // one append per scan: no conflict, no retry
    expect((await statusAt(t, orderId, 5)).timeline).toHaveLength(5);
  });

  it('handles a batch item by item, in order, with a result per item', async () => {
    const orderId = newOrderId();
    const placed = orderPlaced(orderId);
    const res = await t.batch('warehouse', [
      placed,
      warehouse(orderId, 'payment.approved', '2026-01-01T11:00:00Z'),
      { ...warehouse(orderId, 'order.packed', '2026-01-01T12:00:00Z'), occurredAt: 'yesterday' },
      placed,
      warehouse(newOrderId(), 'order.packed', '2026-01-01T12:00:00Z'),
      warehouse(orderId, 'order.canceled', '2026-01-01T13:00:00Z'),
    ]);
    expect(res.statusCode).toBe(200);
    const results = res.json().results;
    expect(results).toHaveLength(6);
    expect(results[0]).toEqual({ index: 0, status: 202, orderId, outcome: 'appended', streamVersion: 1 });
    expect(results[1]).toEqual({ index: 1, status: 202, orderId, outcome: 'appended', streamVersion: 2 });
    expect(results[2]).toMatchObject({ index: 2, status: 400, orderId, error: { status: 400, errors: [{ field: 'occurredAt' }] } });
    expect(results[3]).toEqual({ index: 3, status: 200, orderId, outcome: 'duplicate', streamVersion: 1 });
    expect(results[4]).toMatchObject({ index: 4, status: 404, error: { status: 404 } });
    expect(results[5]).toMatchObject({ index: 5, status: 202, outcome: 'appended', streamVersion: 3 });
    expect((await statusAt(t, orderId, 3)).status).toBe('Canceled');
  });

  it('rejects a batch envelope that is not {events: [1..500 items]} with 400', async () => {
    const tooMany = Array.from({ length: 501 }, () => ({}));
    for (const body of [{ events: [] }, { events: tooMany }, { items: [] }, [orderPlaced(newOrderId())]]) {
      const res = await t.post('/webhooks/warehouse/batch', body, 'warehouse');
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('accepts a batch of 500 order placements', async () => {
    const events = Array.from({ length: 500 }, () => orderPlaced(newOrderId()));
    const res = await t.batch('warehouse', events);
    expect(res.statusCode).toBe(200);
    expect(res.json().results.filter((r: { status: number }) => r.status === 202)).toHaveLength(500);
  });
});
