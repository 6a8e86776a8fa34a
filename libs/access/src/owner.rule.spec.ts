import { mayAccess } from './owner.rule';

describe('owner rule', () => {
  it('lets a customer reach only their own data and ops reach everyone', () => {
    expect(mayAccess({ sub: 'c1', role: 'customer' }, 'c1')).toBe(true);
    expect(mayAccess({ sub: 'c1', role: 'customer' }, 'c2')).toBe(false);
    expect(mayAccess({ sub: 'c2', role: 'customer' }, 'c1')).toBe(false);
    expect(mayAccess({ sub: 'agent', role: 'ops' }, 'c1')).toBe(true);
  });
});
