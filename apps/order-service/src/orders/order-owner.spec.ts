import type { Principal } from '@ot/access';
import { streamIdOf } from '@ot/domain';
import { InMemoryEventStore } from '@ot/event-store';
import { placed } from '@ot/testing';
import { OrderOwner } from './order-owner';

describe('OrderOwner', () => {
  const store = new InMemoryEventStore();
  const owner = new OrderOwner(store);
  const as = (principal: Principal) => ({ headers: {}, principal });
  const status = (e: unknown) => (e as { problem?: { status: number } }).problem?.status ?? (e as { code?: string }).code;
  const refusal = (p: Promise<unknown>) => p.then(() => 'allowed', status);

  beforeAll(() => store.appendToStream(streamIdOf('o1'), [placed('o1', { customerId: 'c1' })], { expectedVersion: 0 }));

  it("gives the order to its customer and to ops on every route, and to the order's link where links are open", async () => {
    for (const links of ['open', 'closed'] as const) {
      expect(await owner.ownOrder(as({ sub: 'c1', role: 'customer' }), 'o1', links)).toMatchObject({ exists: true, customerId: 'c1' });
      expect(await owner.ownOrder(as({ sub: 'agent', role: 'ops' }), 'o1', links)).toMatchObject({ orderId: 'o1' });
    }
    expect(await owner.ownOrder(as({ sub: 'o1', role: 'order-link' }), 'o1', 'open')).toMatchObject({ promisedBy: '2026-01-10' });
  });

  it("answers 403 to the order's own link where links are closed, and 404 for another's or a missing order", async () => {
    expect(await refusal(owner.ownOrder(as({ sub: 'o1', role: 'order-link' }), 'o1', 'closed'))).toBe(403);
    expect(await refusal(owner.ownOrder(as({ sub: 'o2', role: 'order-link' }), 'o1', 'open'))).toBe('ORDER_NOT_FOUND');
    expect(await refusal(owner.ownOrder(as({ sub: 'c2', role: 'customer' }), 'o1', 'open'))).toBe('ORDER_NOT_FOUND');
    expect(await refusal(owner.ownOrder(as({ sub: 'c1', role: 'customer' }), 'o9', 'open'))).toBe('ORDER_NOT_FOUND');
    expect(await refusal(owner.ownOrder({ headers: {} }, 'o1', 'open'))).toBe('ORDER_NOT_FOUND');
  });
});
