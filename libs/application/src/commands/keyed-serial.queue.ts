/**
 * Runs async tasks one at a time per key, in arrival order; different keys run alongside.
 * One promise chain per busy key, dropped when its last task settles, so memory is bounded by
 * the keys in flight, not by the keys ever seen.
 */
export class KeyedSerialQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(task);
    const tail = result.then(settled, settled); // a failed task must not stop the ones queued behind it
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with a task running or queued. */
  get size(): number {
    return this.tails.size;
  }
}

const settled = (): void => undefined;
