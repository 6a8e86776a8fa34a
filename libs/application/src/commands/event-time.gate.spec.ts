import { EventTimeClock } from '../ports/clock.port';
import { EventTimeGate } from './event-time.gate';

describe('EventTimeGate (CLOCK=event-time)', () => {
  it('lets the system catch up with the past before the clock moves, and appends one event at a time', async () => {
    const clock = new EventTimeClock('2017-01-01T00:00:00.000Z');
    const seen: string[] = [];
    const gate = new EventTimeGate(clock, async (instant) => {
      seen.push(`quiesce before ${instant.toISOString()} at clock ${clock.now().toISOString()}`);
      await new Promise((resolve) => setTimeout(resolve, 5)); // a slow projection must not let the next event in
    });
    const append = (name: string) => async () => {
      seen.push(`append ${name} at clock ${clock.now().toISOString()}`);
      return name;
    };
    const results = await Promise.all([
      gate.pass('2017-01-02T00:00:00.000Z', append('a')),
      gate.pass('2017-01-01T12:00:00.000Z', append('late scan')),
      gate.pass('2017-01-03T00:00:00.000Z', append('b')),
    ]);
    expect(results).toEqual(['a', 'late scan', 'b']);
    expect(seen).toEqual([
      'quiesce before 2017-01-02T00:00:00.000Z at clock 2017-01-01T00:00:00.000Z',
      'append a at clock 2017-01-02T00:00:00.000Z',
      'append late scan at clock 2017-01-02T00:00:00.000Z', // an older event does not move the clock back, nor wait
      'quiesce before 2017-01-03T00:00:00.000Z at clock 2017-01-02T00:00:00.000Z',
      'append b at clock 2017-01-03T00:00:00.000Z',
    ]);
  });

  it('a failed append does not block the next event', async () => {
    const gate = new EventTimeGate(new EventTimeClock(0), async () => undefined);
    await expect(gate.pass('2017-01-02T00:00:00.000Z', async () => Promise.reject(new Error('conflict')))).rejects.toThrow('conflict');
    await expect(gate.pass('2017-01-03T00:00:00.000Z', async () => 'next')).resolves.toBe('next');
  });
});
