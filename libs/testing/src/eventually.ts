/**
 * Retries an assertion until it passes or the time is up (then throws its last failure).
 * Projections, buses and dispatchers are asynchronous: this waits exactly as long as they need,
 * never a fixed sleep.
 */
export async function eventually<T>(check: () => T | Promise<T>, { timeoutMs = 5000, everyMs = 10 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
}
