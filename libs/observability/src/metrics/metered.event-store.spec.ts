import { InMemoryEventStore } from '@ot/event-store';
import type { OrderEvent } from '@ot/domain';
import { placed } from '@ot/testing';
import { MeteredEventStore } from './metered.event-store';
import { OpsMetrics } from './ops.metrics';

const predicted: OrderEvent = {
  type: 'DelayPredicted',
  data: { orderId: 'o1', reason: 'eta-beyond-promise', newExpected: '2026-01-12', promisedBy: '2026-01-10', detectedAt: '2026-01-08T00:00:00.000Z' },
};
const cleared: OrderEvent = { type: 'DelayCleared', data: { orderId: 'o1', newExpected: '2026-01-09', clearedAt: '2026-01-08T12:00:00.000Z' } };

async function values(metrics: OpsMetrics, name: string): Promise<Record<string, number>> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name)!;
  // Histogram values name their series (…_count, …_sum); counters only carry labels.
  return Object.fromEntries(metric.values.map((v) => [Object.values(v.labels).join(',') || (v as { metricName?: string }).metricName || name, v.value]));
}

describe('MeteredEventStore', () => {
  it('counts what was appended, delay alerts raised and cleared, and times every append', async () => {
    const metrics = new OpsMetrics();
    const store = new MeteredEventStore(new InMemoryEventStore(), metrics);
    await store.appendToStream('order-o1', [placed('o1')], { expectedVersion: 0 });
    await store.appendToStream('order-o1', [predicted], { expectedVersion: 1 });
    await store.appendToStream('order-o1', [cleared, predicted], { expectedVersion: 2 });
    await expect(store.appendToStream('order-o1', [cleared], { expectedVersion: 1 })).rejects.toThrow(); // a version conflict appends nothing

    expect(await values(metrics, 'ot_delay_alerts_total')).toEqual({ raised: 2, cleared: 1 });
    expect(await values(metrics, 'ot_events_appended_total')).toEqual({ OrderPlaced: 1, DelayPredicted: 2, DelayCleared: 1 });
    const timings = await values(metrics, 'ot_event_append_seconds');
    expect(timings.ot_event_append_seconds_count).toBe(4); // the failed one is timed too
    expect((await store.readStream('order-o1')).version).toBe(4);
  });
});
