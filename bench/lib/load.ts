import autocannon from 'autocannon';

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
};

export type LoadOptions = {
  name: string;
  url: string;
  seconds: number;
  connections: number;
  requests: autocannon.Request[];
  /** Status codes that count as success (default 2xx). */
  okStatus?: (status: number) => boolean;
};

/**
 * One bounded autocannon run (duration, timeouts, pipelining 1 so each request waits for its answer).
 * Counts statuses itself: autocannon's `2xx` bucket would hide whether 304s or 404s came back.
 */
export async function runLoad({ name, url, seconds, connections, requests, okStatus = (s) => s >= 200 && s < 300 }: LoadOptions): Promise<LoadResult> {
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
  const result = await autocannon({ url, duration: seconds, connections, pipelining: 1, timeout: 10, requests: counted });
  const total = Object.values(statusCounts).reduce((a, b) => a + b, 0);
  const ok = Object.entries(statusCounts).filter(([s]) => okStatus(Number(s))).reduce((a, [, n]) => a + n, 0);
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
  };
}
