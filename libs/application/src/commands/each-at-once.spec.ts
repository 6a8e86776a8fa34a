import { eachAtOnce } from './each-at-once';

describe('eachAtOnce', () => {
  it('starts every task before any finishes', async () => {
    const started: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const all = eachAtOnce([1, 2, 3], async (n) => {
      started.push(n);
      await gate;
    });
    await Promise.resolve();
    expect(started).toEqual([1, 2, 3]);
    release();
    await all;
  });

  it('throws the first failure only once every task has settled', async () => {
    const finished: number[] = [];
    const all = eachAtOnce([1, 2, 3], async (n) => {
      if (n === 1) throw new Error('one');
      await new Promise((resolve) => setTimeout(resolve, 5 * n));
      finished.push(n);
    });
    await expect(all).rejects.toThrow('one');
    expect(finished).toEqual([2, 3]);
  });

  it('keeps at most `atOnce` tasks in flight, slice after slice, and stops after a slice that failed', async () => {
    let inFlight = 0;
    let most = 0;
    const ran: number[] = [];
    await eachAtOnce(
      [1, 2, 3, 4, 5],
      async (n) => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 1));
        ran.push(n);
        inFlight--;
      },
      2,
    );
    expect(most).toBe(2);
    expect(ran.sort()).toEqual([1, 2, 3, 4, 5]);

    const started: number[] = [];
    const failing = eachAtOnce(
      [1, 2, 3, 4],
      async (n) => {
        started.push(n);
        if (n === 2) throw new Error('two');
      },
      2,
    );
    await expect(failing).rejects.toThrow('two');
    expect(started).toEqual([1, 2]);
  });
  it('takes a slice of a lazy iterable only as the slice starts, after the one before settled', async () => {
    const log: string[] = [];
    function* items(): Generator<number> {
      for (let n = 1; n <= 5; n++) {
        log.push(`take ${n}`);
        yield n;
      }
    }
    await eachAtOnce(
      items(),
      async (n) => {
        log.push(`start ${n}`);
        await new Promise((resolve) => setTimeout(resolve, 1));
        log.push(`end ${n}`);
      },
      2,
    );
    expect(log).toEqual([
      'take 1',
      'take 2',
      'start 1',
      'start 2',
      'end 1',
      'end 2',
      'take 3',
      'take 4',
      'start 3',
      'start 4',
      'end 3',
      'end 4',
      'take 5',
      'start 5',
      'end 5',
    ]);
  });
});
