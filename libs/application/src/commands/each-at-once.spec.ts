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
});
