import { handleCommand } from '@ot/application';
import type { GrantCompensation, OrderEvent, PartnerEvent } from '@ot/domain';
import { InMemoryEventStore } from '@ot/event-store';
import { placed, processOn } from '@ot/testing';

const grant = (source: 'policy' | 'ops', grantedBy: string): GrantCompensation => ({
  type: 'GrantCompensation',
  data: { orderId: 'o1', voucher: { kind: 'percent', percent: 10 }, daysLate: 4, source, grantedBy, reason: 'late', occurredAt: '2026-01-14T12:00:00.000Z' },
});

/**
 * At most one voucher when the triggers race across processes: each process's handle reads the same
 * version before anyone appends, so all but one append hit the stream's optimistic concurrency, are
 * retried, re-decided on the new state, and find the order compensated.
 */
describe('compensation under concurrent triggers', () => {
  it('appends exactly one CompensationGranted when policy ticks and operators race on four processes', async () => {
    const log = new InMemoryEventStore();
    const processes = [processOn(log), processOn(log), processOn(log), processOn(log)];
    await handleCommand(log, 'o1', { type: 'RecordPartnerEvent', data: { event: placed() as PartnerEvent } });

    const triggers = processes.flatMap(({ store }, i) => [
      handleCommand(store, 'o1', grant('policy', 'policy')).catch((e: Error) => e),
      handleCommand(store, 'o1', grant('ops', `agent-${i}`)).catch((e: Error) => e),
    ]);
    const outcomes = await Promise.all(triggers);

    const events = (await log.readStream('order-o1')).events as OrderEvent[];
    expect(events.filter((e) => e.type === 'CompensationGranted')).toHaveLength(1);
    const appended = outcomes.filter((o) => !(o instanceof Error) && o.outcome === 'appended');
    expect(appended).toHaveLength(1);
    // an operator who lost the race is told why; a policy tick that lost it just finds nothing to do
    const refusals = outcomes.filter((o): o is Error => o instanceof Error);
    expect(refusals.every((e) => /already compensated/.test(e.message))).toBe(true);
    expect(processes.reduce((n, p) => n + p.counts.appends, 0)).toBeGreaterThan(1); // the race reached the store's version check
  });
});
