import autocannon from 'autocannon';
import { cpuSecondsOf } from './cpu';

/** What one autocannon phase gives the report. Latencies in milliseconds. */
export type LoadResult = {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  total: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCounts: Record<string, number>;
  seconds: number;
  /** CPU the server process spent (all threads) per ok response, trailing async work included; null when not measured. */
  cpuUsPerOk: number | null;
};

export type LoadOptions = {
  name: string;
  url: string;
  seconds: number;
  connections: number;
  requests: autocannon.Request[];
  /** Status codes that count as success (default 2xx). */
  okStatus?: (status: number) => boolean;
  /** The server's pid, to price CPU per response; `settleMs` waits for work it does after answering (projections). */
  serverPid?: number;
  settleMs?: number;
  /** Runs when the load stops, before `settleMs`: ends a measurement of the load window alone. */
  onLoadEnd?: () => Promise<void>;
};

/**
 * One bounded autocannon run (duration, timeouts, pipelining 1 so each request waits for its answer).
 * Counts statuses itself: autocannon's `2xx` bucket would hide whether 304s or 404s came back.
 */
export async function runLoad({
  name,
  url,
  seconds,
  connections,
  requests,
  okStatus = (s) => s >= 200 && s < 300,
  serverPid,
  settleMs = 0,
  onLoadEnd,
}: LoadOptions): Promise<LoadResult> {
  const statusCounts: Record<string, number> = {};
  const counted = requests.map((r) => {
    const onResponse = r.onResponse;
    return {
      ...r,
      onResponse: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>) => {
        statusCounts[status] = (statusCounts[status] ?? 0) + 1;
        onResponse?.(status, body, context, headers);
      },
    };
  });
  const cpuBefore = serverPid === undefined ? null : cpuSecondsOf(serverPid);
  const result = await autocannon({ url, duration: seconds, connections, pipelining: 1, timeout: 10, requests: counted });
  await onLoadEnd?.();
  if (settleMs) await new Promise((r) => setTimeout(r, settleMs));
  const cpuAfter = serverPid === undefined ? null : cpuSecondsOf(serverPid);
  const total = Object.values(statusCounts).reduce((a, b) => a + b, 0);
  const ok = Object.entries(statusCounts)
    .filter(([s]) => okStatus(Number(s)))
    .reduce((a, [, n]) => a + n, 0);
  const elapsed = result.duration || seconds;
  return {
    name,
    rps: ok / elapsed,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total,
    ok,
    non2xx: total - ok,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCounts,
    seconds: elapsed,
    cpuUsPerOk: cpuBefore === null || cpuAfter === null || ok === 0 ? null : Math.round(((cpuAfter - cpuBefore) * 1e6) / ok),
  };
}
