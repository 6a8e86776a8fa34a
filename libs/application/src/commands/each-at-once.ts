/**
 * Runs one task per item at once and waits for every one, so the appends they make reach the store
 * in the same turn and share its group commit (handleCommand still runs one order's commands one
 * after another, in call order). The first failure is thrown only after all have settled, so
 * nothing is still appending when the caller moves on. `atOnce` bounds the tasks in flight: the items
 * run in slices of that many, a failure thrown once its slice has settled (later slices do not start).
 */
export async function eachAtOnce<T>(items: Iterable<T>, task: (item: T) => Promise<void>, atOnce = Number.POSITIVE_INFINITY): Promise<void> {
  const all = Array.from(items);
  for (let from = 0; from < all.length; from += atOnce) {
    const settled = await Promise.allSettled(all.slice(from, from + atOnce).map((item) => task(item)));
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
