/**
 * Runs one task per item at once and waits for every one, so the appends they make reach the store
 * in the same turn and share its group commit (handleCommand still runs one order's commands one
 * after another, in call order). The first failure is thrown only after all have settled, so
 * nothing is still appending when the caller moves on. `atOnce` bounds the tasks in flight: the items
 * run in slices of that many, a failure thrown once its slice has settled (later slices do not start).
 */
export async function eachAtOnce<T>(items: Iterable<T>, task: (item: T) => Promise<void>, atOnce = Number.POSITIVE_INFINITY): Promise<void> {
  // a slice's items are taken only as it starts: a lazy iterable (a tick's watches) never holds more than a slice
  const from = items[Symbol.iterator]();
  let done = false;
  while (!done) {
    const slice: T[] = [];
    while (slice.length < atOnce) {
      const next = from.next();
      if ((done = next.done === true)) break;
      slice.push(next.value);
    }
    if (!slice.length) return;
    const settled = await Promise.allSettled(slice.map((item) => task(item)));
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
