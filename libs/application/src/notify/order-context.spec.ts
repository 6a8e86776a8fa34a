import { evolveOrderContext } from './order-context';
import { partnerEvent, placed } from '@ot/testing';

describe('notifier order context', () => {
  it('keeps the status when a late scan arrives, whatever offset the partners wrote their times in', () => {
    const placedCtx = evolveOrderContext(undefined, placed('o1', { occurredAt: '2026-01-01T10:00:00.000Z' }));
    // 10:00 in Sao Paulo is 13:00 UTC; the in-transit scan at 12:00 UTC happened before it
    const out = evolveOrderContext(placedCtx, partnerEvent('OutForDelivery', '2026-01-03T10:00:00-03:00'));
    const late = evolveOrderContext(out, partnerEvent('InTransit', '2026-01-03T12:00:00.000Z', { location: { state: 'SP' } }));
    expect(late).toMatchObject({ status: 'OutForDelivery', statusAt: '2026-01-03T10:00:00-03:00' });
  });
});
