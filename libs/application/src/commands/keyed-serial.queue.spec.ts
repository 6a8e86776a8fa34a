import fc from 'fast-check';
import { KeyedSerialQueue } from './keyed-serial.queue';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedSerialQueue', () => {
  it('runs the tasks of one key one at a time, in arrival order, and other keys alongside (random bursts)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.nat(3), fc.boolean()), { minLength: 1, maxLength: 40 }), async (tasks) => {
        const queue = new KeyedSerialQueue();
        const running = new Map<string, number>();
        const finished: [string, number][] = [];
        const results = tasks.map(([key, ticks, fails], index) =>
          queue.run(key, async () => {
            expect(running.get(key) ?? 0).toBe(0);
            running.set(key, 1);
            for (let i = 0; i < ticks; i++) await tick();
            running.set(key, 0);
            finished.push([key, index]);
            if (fails) throw new Error(`task ${index}`);
            return index;
          }),
        );
        const settled = await Promise.allSettled(results);
        // each caller gets its own task's outcome; a failure does not stop the tasks queued behind it
        expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual(
          tasks.map(([, , fails], index) => (fails ? `task ${index}` : index)),
        );
        for (const key of ['a', 'b', 'c']) {
          const order = finished.filter(([k]) => k === key).map(([, i]) => i);
          expect(order).toEqual([...order].sort((x, y) => x - y));
        }
        await tick();
        expect(queue.size).toBe(0); // idle keys hold nothing
      }),
      { numRuns: 100 },
    );
  });

  it('lets different keys run at the same time', async () => {
    const queue = new KeyedSerialQueue();
    let release!: () => void;
    const blocked = queue.run('a', () => new Promise<void>((resolve) => (release = resolve)));
    await expect(queue.run('b', async () => 'b ran')).resolves.toBe('b ran');
    expect(queue.size).toBe(1);
    release();
    await blocked;
  });
});
