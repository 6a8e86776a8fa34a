/** An item to send at `at`, about one order, or several (a batch). */
export type Timed = Readonly<{ at: number } & ({ orderId: string } | { orderIds: readonly string[] })>;

const ordersOf = (item: Timed): readonly string[] => ('orderIds' in item ? item.orderIds : [item.orderId]);

export type RunOptions = {
  /**
   * Most calls in flight at once. 1 is the deterministic mode: the service receives every item in
   * exactly this order, so an event-time clock moves the same way on every run (bench:journey).
   */
  concurrency: number;
  /** Simulated ms per wall ms (86_400 plays a day per second); undefined: as fast as possible. */
  speed?: number;
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends items in time order with at most `concurrency` in flight, and never starts an order's
 * next item before its previous one finished (a batch waits for every order it holds), so each
 * order's own story arrives in order while different orders overlap. With a speed, an item waits until its simulated time comes.
 */
export async function runInTimeOrder<T extends Timed>(
  items: readonly T[],
  send: (item: T) => Promise<void>,
  { concurrency, speed }: RunOptions,
): Promise<void> {
  const running = new Set<Promise<void>>();
  const tails = new Map<string, Promise<void>>();
  const wallStart = Date.now();
  const simStart = items.length ? items[0].at : 0;
  for (const item of items) {
    if (speed) {
      const due = wallStart + (item.at - simStart) / speed;
      if (due > Date.now()) await sleep(due - Date.now());
    }
    while (running.size >= concurrency) await Promise.race(running);
    const orders = ordersOf(item);
    const previous = Promise.all(orders.map((id) => tails.get(id)));
    const job: Promise<void> = previous
      .then(() => send(item))
      .finally(() => {
        running.delete(job);
        for (const id of orders) if (tails.get(id) === job) tails.delete(id);
      });
    running.add(job);
    for (const id of orders) tails.set(id, job);
  }
  await Promise.all(running);
}
