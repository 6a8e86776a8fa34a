import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ORDER_HEALTHS, type OrderHealth, type RecordedEvent, StatusProjection, type StatusViewStore, noTelemetry } from '@ot/application';
import type { OrderEvent } from '@ot/domain';
import { partnerEvent, placed } from '@ot/testing';
import fc from 'fast-check';
import { InMemoryStatusViewStore } from './in-memory.status-view.store';
import { SqliteStatusViewStore } from './sqlite.status-view.store';

const tmp = mkdtempSync(join(tmpdir(), 'order-health-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Any of the facts that move an order's health, for one of three orders, at a given day. */
const eventArb: fc.Arbitrary<OrderEvent> = fc
  .tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 6 }))
  .map(([orderId, day, kind]) => {
    const at = `2026-01-${String(day).padStart(2, '0')}T10:00:00.000Z`;
    const system = { orderId, detectedAt: at, promisedBy: '2026-01-10' };
    switch (kind) {
      case 0:
        return placed(orderId);
      case 1:
        return partnerEvent('HandedToCarrier', at, {}, { orderId });
      case 2:
        return { type: 'DelayPredicted', data: { ...system, reason: 'eta-beyond-promise', newExpected: '2026-01-12' } };
      case 3:
        return { type: 'DelayCleared', data: { orderId, newExpected: '2026-01-09', clearedAt: at } };
      case 4:
        return { type: 'PromiseBroken', data: system };
      case 5:
        return partnerEvent('Delivered', at, {}, { orderId });
      default:
        return partnerEvent('OutForDelivery', at, {}, { orderId });
    }
  });

function recorded(events: OrderEvent[]): RecordedEvent[] {
  const versions = new Map<string, number>();
  return events.map((event, i) => {
    const streamVersion = (versions.get(event.data.orderId) ?? 0) + 1;
    versions.set(event.data.orderId, streamVersion);
    return { ...event, streamId: `order-${event.data.orderId}`, streamVersion, globalPosition: i + 1, recordedAt: '2026-01-01T00:00:00.000Z' };
  });
}

describe.each([
  ['in-memory', (): StatusViewStore => new InMemoryStatusViewStore()],
  ['sqlite', (): StatusViewStore => new SqliteStatusViewStore({ path: join(tmp, `${Math.random()}.db`) })],
])('order health counts on the %s store', (_name, makeStore) => {
  it('the counts the projection reports always equal what the views say', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(eventArb, { maxLength: 30 }), fc.integer({ min: 1, max: 5 }), async (events, batchSize) => {
        const store = makeStore();
        const counts = new Map<OrderHealth, number>(ORDER_HEALTHS.map((h) => [h, 0]));
        const telemetry = {
          ...noTelemetry,
          orderHealthChanged: (from: OrderHealth | undefined, to: OrderHealth) => {
            if (from) counts.set(from, counts.get(from)! - 1);
            counts.set(to, counts.get(to)! + 1);
          },
        };
        const projection = new StatusProjection(store, telemetry);
        const all = recorded(events);
        for (let i = 0; i < all.length; i += batchSize) await projection.apply(all.slice(i, i + batchSize));
        expect(Object.fromEntries(counts)).toEqual(await store.countByHealth());
        await (store as { close?: () => Promise<void> }).close?.();
      }),
      { numRuns: 60 },
    );
  });
});
