import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

/**
 * In a child: CPU-profile only between the parent's `profile-start` and `profile-stop` (the load
 * window), not start-up and shutdown as `--cpu-prof` does. `profile-stop` carries the file to write.
 */
export function answerProfileRequests(): void {
  const session = new Session();
  session.connect();
  const post = (method: string, params: object = {}) =>
    new Promise<Record<string, unknown>>((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as Record<string, unknown>))),
    );
  process.on('message', (msg: { kind?: string; path?: string }) => {
    const answer = (work: Promise<unknown>) =>
      work.then(
        () => process.send?.({ kind: msg.kind, result: {} }),
        (error: unknown) => process.send?.({ kind: msg.kind, error: String(error) }),
      );
    if (msg.kind === 'profile-start') void answer(post('Profiler.enable').then(() => post('Profiler.start')));
    if (msg.kind === 'profile-stop') void answer(post('Profiler.stop').then(({ profile }) => writeFileSync(msg.path!, JSON.stringify(profile))));
  });
}
