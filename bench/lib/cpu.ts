import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU seconds (user + system, every thread) a process has used so far, from /proc/<pid>/stat.
 * CPU per request is a figure the other tenants of a shared machine barely move, unlike req/s.
 */
export function cpuSecondsOf(pid: number): number | null {
  try {
    const fields = statFields(`/proc/${pid}/stat`);
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100 on Linux)
  } catch {
    return null; // not Linux, or the process is gone
  }
}

/** The fields of a /proc stat file after the name (in parentheses, it may hold spaces): [11] utime, [12] stime, [19] starttime. */
function statFields(path: string): string[] {
  const stat = readFileSync(path, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** One thread's CPU so far (clock ticks: user, system), with what it waits on now and when it started. */
export type ThreadCpu = { tid: number; user: number; system: number; startTicks: number; waitsIn: string };

/** Every thread of a process, from /proc/<pid>/task; empty when not on Linux or the process is gone. */
export function cpuByThreadOf(pid: number): ThreadCpu[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
      try {
        const fields = statFields(`/proc/${pid}/task/${tid}/stat`);
        const waitsIn = readFileSync(`/proc/${pid}/task/${tid}/wchan`, 'utf8');
        return [{ tid: Number(tid), user: Number(fields[11]), system: Number(fields[12]), startTicks: Number(fields[19]), waitsIn }];
      } catch {
        return []; // the thread ended between the listing and the read
      }
    });
  } catch {
    return [];
  }
}

/**
 * A Node process's threads by role, from the thread list alone: the main thread has the process's id; a
 * worker thread runs its own event loop (it waits in epoll) and starts after the process's own loop-running
 * helper (the platform's delayed-task thread, started with the process); the rest are V8's helpers (GC,
 * compiler) and libuv's pool, which wait on futexes. The SQLite store's writer is the service's one worker.
 */
export function threadRoles(pid: number, threads: readonly ThreadCpu[]): Map<number, 'main' | 'worker' | 'other'> {
  const epoll = threads.filter((t) => t.tid !== pid && t.waitsIn.includes('epoll')).sort((a, b) => a.startTicks - b.startTicks || a.tid - b.tid);
  const workers = new Set(epoll.slice(1).map((t) => t.tid));
  return new Map(threads.map((t) => [t.tid, t.tid === pid ? 'main' : workers.has(t.tid) ? 'worker' : 'other']));
}
