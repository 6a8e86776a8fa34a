/**
 * Runs one task per item at once and waits for every one, so the appends they make reach the store
 * in the same turn and share its group commit (handleCommand still runs one order's commands one
 * after another, in call order). The first failure is thrown only after all have settled, so
 * nothing is still appending when the caller moves on.
 */
export async function eachAtOnce<T>(items: Iterable<T>, task: (item: T) => Promise<void>): Promise<void> {
  const settled = await Promise.allSettled(Array.from(items, task));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
}
