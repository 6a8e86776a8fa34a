import { daysBetween, endOfLocalDay, epochOfLocal, localDateOf, toOffsetIso } from '@ot/domain';

const SP = 'America/Sao_Paulo';

describe('zoned time (America/Sao_Paulo, with the DST Brazil had until 2019)', () => {
  it('reads local wall times with the offset in force then', () => {
    expect(new Date(epochOfLocal('2017-06-01T10:00:00', SP)).toISOString()).toBe('2017-06-01T13:00:00.000Z');
    expect(new Date(epochOfLocal('2017-01-10T10:00:00', SP)).toISOString()).toBe('2017-01-10T12:00:00.000Z'); // summer time, -02:00
  });

  it('resolves the missing midnight of a DST start forward, to 01:00', () => {
    const t = epochOfLocal('2016-10-16', SP);
    expect(toOffsetIso(t, SP)).toBe('2016-10-16T01:00:00-02:00');
    expect(localDateOf(t, SP)).toBe('2016-10-16');
  });

  it('puts a late-evening instant on its local day, not the UTC one', () => {
    expect(localDateOf(Date.parse('2017-06-02T01:30:00Z'), SP)).toBe('2017-06-01');
  });

  it('ends a promised day at local midnight', () => {
    expect(new Date(endOfLocalDay('2017-06-01', SP)).toISOString()).toBe('2017-06-02T02:59:59.999Z');
  });

  it('counts whole days between dates', () => {
    expect(daysBetween('2017-02-27', '2017-03-02')).toBe(3);
  });
});
