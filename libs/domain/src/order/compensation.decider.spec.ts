import { type CompensationGranted, type CompensationPolicy, daysLate, type GrantCompensation, voucherFor } from '@ot/domain';
import { given, placed } from '@ot/testing';

const grant = (source: 'policy' | 'ops', extra: Partial<CompensationGranted['data']> = {}): GrantCompensation => ({
  type: 'GrantCompensation',
  data: {
    orderId: 'o1',
    voucher: { kind: 'percent', percent: 10 },
    daysLate: 3,
    source,
    grantedBy: source === 'ops' ? 'agent-7' : 'policy',
    reason: 'late',
    occurredAt: '2026-01-13T12:00:00.000Z',
    ...extra,
  },
});
const granted = (c: GrantCompensation): CompensationGranted => ({ type: 'CompensationGranted', data: c.data });

describe('compensation decider', () => {
  it('grants a voucher, with who and why, to an order not yet compensated', () => {
    given(placed())
      .when(grant('ops'))
      .then([granted(grant('ops'))]);
  });

  it('grants at most once: the policy repeating itself is a no-op', () => {
    given(placed(), granted(grant('policy')))
      .when(grant('policy'))
      .then([]);
    given(placed(), granted(grant('ops')))
      .when(grant('policy'))
      .then([]);
  });

  it('refuses an operator a second voucher, so they learn it was already given', () => {
    given(placed(), granted(grant('policy')))
      .when(grant('ops'))
      .thenThrows('REQUEST_REFUSED');
  });

  it('refuses an unknown order', () => {
    given().when(grant('ops')).thenThrows('ORDER_NOT_FOUND');
  });
});

describe('compensation policy', () => {
  const policy: CompensationPolicy = {
    timeZone: 'America/Sao_Paulo',
    tiers: [
      { fromDaysLate: 7, voucher: { kind: 'percent', percent: 20 } }, // listed out of order on purpose
      { fromDaysLate: 3, voucher: { kind: 'percent', percent: 10 } },
    ],
  };

  it('counts calendar days past the promised day in the promise zone', () => {
    expect(daysLate('2026-01-10', Date.parse('2026-01-10T23:00:00-03:00'), 'America/Sao_Paulo')).toBe(0);
    expect(daysLate('2026-01-10', Date.parse('2026-01-11T00:30:00-03:00'), 'America/Sao_Paulo')).toBe(1);
    expect(daysLate('2026-01-10', Date.parse('2026-01-09T12:00:00-03:00'), 'America/Sao_Paulo')).toBe(0);
  });

  it('gives nothing below the first tier and the highest tier reached above it', () => {
    expect(voucherFor(policy, 2)).toBeUndefined();
    expect(voucherFor(policy, 3)).toEqual({ kind: 'percent', percent: 10 });
    expect(voucherFor(policy, 6)).toEqual({ kind: 'percent', percent: 10 });
    expect(voucherFor(policy, 30)).toEqual({ kind: 'percent', percent: 20 });
  });
});
