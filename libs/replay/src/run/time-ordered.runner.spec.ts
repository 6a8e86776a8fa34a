import { runInTimeOrder } from './time-ordered.runner';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Items of three orders in time order; calls take uneven times so overlap would reorder them. */
const items = Array.from({ length: 12 }, (_, i) => ({ orderId: `o${i % 3}`, at: 1000 + i, i, takes: (i * 7) % 5 }));

async function run(concurrency: number): Promise<{ finished: number[]; maxInFlight: number }> {
  const finished: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  await runInTimeOrder(
    items,
    async (item) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await sleep(item.takes);
      finished.push(item.i);
      inFlight--;
    },
    { concurrency },
  );
  return { finished, maxInFlight };
}

describe('runInTimeOrder', () => {
  it('with concurrency 1, makes each call alone and in the given order (what a deterministic replay needs)', async () => {
    const { finished, maxInFlight } = await run(1);
    expect(maxInFlight).toBe(1);
    expect(finished).toEqual(items.map((item) => item.i));
  });

  it("with more in flight, still keeps each order's own items in order", async () => {
    const { finished, maxInFlight } = await run(4);
    expect(maxInFlight).toBeGreaterThan(1);
    expect(finished).toHaveLength(items.length);
    for (const orderId of ['o0', 'o1', 'o2']) {
      const own = items.filter((item) => item.orderId === orderId).map((item) => item.i);
      expect(finished.filter((i) => own.includes(i))).toEqual(own);
    }
  });

  it('starts a batch only once every earlier item of each of its orders has finished', async () => {
    const finished: string[] = [];
    const batches = [
      { orderIds: ['a'], at: 1, name: 'a1', takes: 20 },
      { orderIds: ['b'], at: 2, name: 'b1', takes: 1 },
      { orderIds: ['a', 'b'], at: 3, name: 'ab2', takes: 1 },
    ];
    await runInTimeOrder(
      batches,
      async (batch) => {
        await sleep(batch.takes);
        finished.push(batch.name);
      },
      { concurrency: 3 },
    );
    expect(finished).toEqual(['b1', 'a1', 'ab2']);
  });
});
