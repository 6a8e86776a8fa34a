import type { CheckResult } from './readiness.checks';

/** The dispatcher is up while its last finished pass is no older than maxSilenceMs (a stuck or stopped one is not). */
export function dispatcherCheck(lastTick: Date | undefined, maxSilenceMs: number, now = Date.now()): CheckResult {
  const silentMs = lastTick ? now - lastTick.getTime() : undefined;
  return {
    up: silentMs !== undefined && silentMs <= maxSilenceMs,
    details: { lastTick: lastTick?.toISOString() ?? null, silentMs: silentMs ?? null, maxSilenceMs },
  };
}
