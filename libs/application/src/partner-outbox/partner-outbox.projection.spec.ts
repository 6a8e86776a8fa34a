import type { RecordedEvent } from '../ports/event-store.port';
import { PartnerOutboxProjection } from './partner-outbox.projection';
import type { NewDelivery, PartnerOutboxStore } from './partner-outbox.store.port';

/** Only what the projection uses: the durable checkpoint and the queued deliveries. */
class RecordingOutbox {
  saved = 0;
  writes = 0;
  readonly queued: NewDelivery[] = [];
  async checkpoint(): Promise<number> {
    return this.saved;
  }
  async enqueue(deliveries: readonly NewDelivery[], checkpoint: number): Promise<void> {
    this.writes++;
    for (const d of deliveries) if (!this.queued.some((q) => q.deliveryId === d.deliveryId)) this.queued.push(d);
    this.saved = Math.max(this.saved, checkpoint);
  }
}

const at = '2026-11-30T12:00:00.000Z';
const scan = (position: number) =>
  ({
    type: 'InTransit',
    data: { orderId: `o-${position}`, partner: 'courier', partnerEventId: `e-${position}`, occurredAt: at, location: {} },
    streamId: `order-o-${position}`,
    streamVersion: 2,
    globalPosition: position,
    recordedAt: at,
  }) as RecordedEvent;
const action = (position: number) =>
  ({
    type: 'CustomerActionRequested',
    data: {
      orderId: `o-${position}`,
      actionId: `act-${position}`,
      requestId: `r-${position}`,
      requestedBy: 'c-1',
      requestedAt: at,
      action: { type: 'reschedule-delivery', day: '2026-12-02' },
      partner: 'courier',
    },
    streamId: `order-o-${position}`,
    streamVersion: 3,
    globalPosition: position,
    recordedAt: at,
  }) as RecordedEvent;
const pages = (from: number, to: number, actionsAt: number[], size = 10) => {
  const events = Array.from({ length: to - from + 1 }, (_, i) => (actionsAt.includes(from + i) ? action(from + i) : scan(from + i)));
  return Array.from({ length: Math.ceil(events.length / size) }, (_, i) => events.slice(i * size, (i + 1) * size));
};
const as = (o: RecordingOutbox) => o as unknown as PartnerOutboxStore;

describe('PartnerOutboxProjection', () => {
  it('writes a page without actions only every saveEvery events, and a page with one at once', async () => {
    const outbox = new RecordingOutbox();
    const projection = new PartnerOutboxProjection(as(outbox), 100);
    await projection.checkpoint();
    for (const page of pages(1, 250, [])) await projection.apply(page);
    expect(outbox.writes).toBe(2); // at 100 and 200, not 25 pages
    expect(outbox.saved).toBe(200);
    await projection.apply(pages(251, 260, [255])[0]);
    expect(outbox.saved).toBe(260);
    expect(outbox.queued.map((d) => d.deliveryId)).toEqual(['act-255']);
  });

  it('after a crash, re-reading from the saved position loses no action and queues none twice', async () => {
    const outbox = new RecordingOutbox();
    const first = new PartnerOutboxProjection(as(outbox), 100);
    await first.checkpoint();
    for (const page of pages(1, 380, [42, 333])) await first.apply(page); // dies here: 340..380 not saved
    const restarted = new PartnerOutboxProjection(as(outbox), 100);
    const from = await restarted.checkpoint();
    expect(from).toBe(340);
    for (const page of pages(from + 1, 400, [])) await restarted.apply(page);
    expect(outbox.queued.map((d) => d.deliveryId)).toEqual(['act-42', 'act-333']);
  });
});
