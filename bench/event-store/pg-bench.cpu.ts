import { existsSync, readFileSync } from 'node:fs';
import { Client } from 'pg';

/** CPU a store spent on a piece of work, per side, and how many statements its driver sent. */
export type Cost = { clientCpuMs: number; serverCpuMs: number; roundTrips: number };

let roundTrips = 0;
/** Counts every query pg's Client sends in this process (both stores' pools hand out pg Clients). */
export function countRoundTrips(): void {
  const send = Client.prototype.query;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    roundTrips++;
    return (send as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof Client.prototype.query;
}

/** Nanoseconds a process has run on a CPU (the scheduler's own account, /proc/<pid>/schedstat). */
const onCpuNs = (pid: number): number => {
  const file = `/proc/${pid}/schedstat`;
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split(' ')[0]) : 0;
};

/**
 * Starts measuring: this process's CPU, the CPU of every server backend connected to the store's
 * database (same machine: their /proc entries), and the statements sent. The rate of one awaited
 * writer is bound by the disk's flush, which the load of other jobs moves severalfold; CPU per
 * operation is what a store's own work costs.
 */
export async function startCost(connectionString: string): Promise<() => Promise<Cost>> {
  const probe = new Client({ connectionString });
  await probe.connect();
  const backends = async (): Promise<number[]> =>
    (
      await probe.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
      )
    ).rows.map((r) => r.pid);
  const serverBefore = new Map((await backends()).map((pid) => [pid, onCpuNs(pid)]));
  const clientBefore = process.cpuUsage();
  const tripsBefore = roundTrips;
  return async () => {
    const client = process.cpuUsage(clientBefore);
    const trips = roundTrips - tripsBefore;
    let serverNs = 0;
    for (const pid of await backends()) serverNs += onCpuNs(pid) - (serverBefore.get(pid) ?? 0);
    await probe.end();
    return { clientCpuMs: (client.user + client.system) / 1000, serverCpuMs: serverNs / 1e6, roundTrips: trips };
  };
}
