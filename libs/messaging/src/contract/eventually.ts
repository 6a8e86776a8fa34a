/** Polls until the check passes or the time is up; bus delivery is asynchronous in every adapter. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 20000, everyMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
}
