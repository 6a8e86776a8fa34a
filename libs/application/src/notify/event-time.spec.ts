import type { OrderEvent } from '@ot/domain';
import { eventTimeOf } from './event-time';

const scan = (occurredAt: string, metadata?: Record<string, unknown>) =>
  ({
    type: 'OutForDelivery',
    data: { orderId: 'o1', partner: 'courier', partnerEventId: 'e1', occurredAt },
    ...(metadata ? { metadata } : {}),
  }) as unknown as OrderEvent & {
    metadata?: Record<string, unknown>;
  };

describe('eventTimeOf: the instant the notifier judges an event at', () => {
  it('is the time the service received a late-reported scan, not the scan time', () => {
    // Scanned at 19:00 in São Paulo, reported at 03:00 UTC the next night: quiet hours must be judged at 03:00.
    expect(eventTimeOf(scan('2026-03-01T19:00:00-03:00', { receivedAt: '2026-03-02T03:00:00.000Z' }))).toBe('2026-03-02T03:00:00.000Z');
  });

  it('is the scan time when it is later than the stamp (offsets compared as times, not strings)', () => {
    expect(eventTimeOf(scan('2026-03-01T23:30:00-03:00', { receivedAt: '2026-03-02T01:00:00.000Z' }))).toBe('2026-03-01T23:30:00-03:00');
  });

  it('is the scan time for an event without a stamp (recorded before stamps existed)', () => {
    expect(eventTimeOf(scan('2026-03-01T19:00:00Z'))).toBe('2026-03-01T19:00:00Z');
  });
});
