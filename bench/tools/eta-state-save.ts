import { rmSync } from 'node:fs';
import { SqliteEtaViewStore } from '@ot/read-model';
import { foldSeededOrders } from '../fixtures/eta-seeded-projection';

/**
 * The ETA state's save and restore through SqliteEtaViewStore: the seeded orders folded, then snapshot() +
 * saveState() and a fresh store's loadState(), each timed (wall and this process's CPU) with RSS around it.
 * maxRss is the process's peak so far: a step's own peak shows only where it exceeds the fold's. The load runs
 * after the folded projection is dropped.
 * `node --expose-gc dist/bench/tools/eta-state-save.js [orders, default 100000] [file, default /dev/shm/eta-state-save.db]`
 */
const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);

type Step<T> = { result: T; ms: number; cpuMs: number; rssBeforeMb: number; maxRssMb: number };

async function measured<T>(step: () => Promise<T>): Promise<Step<T>> {
  (globalThis as { gc?: () => void }).gc?.();
  const rssBeforeMb = mb(process.memoryUsage().rss);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await step();
  const ms = Math.round(performance.now() - start);
  const used = process.cpuUsage(cpu);
  return { result, ms, cpuMs: Math.round((used.user + used.system) / 1000), rssBeforeMb, maxRssMb: mb(process.resourceUsage().maxRSS * 1024) };
}

async function main(): Promise<void> {
  const orders = Number(process.argv[2] ?? 100_000);
  const path = process.argv[3] ?? '/dev/shm/eta-state-save.db';
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const { open, foldMaxRssMb, save } = await foldAndSave(orders, path);
  const store = new SqliteEtaViewStore(path);
  const load = await measured(() => store.loadState());
  const restoredOpen = (load.result?.state.orders as unknown[] | undefined)?.length;
  store.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const step = ({ ms, cpuMs, rssBeforeMb, maxRssMb }: Step<unknown>): object => ({ ms, cpuMs, rssBeforeMb, maxRssMb });
  console.log(JSON.stringify({ orders, open, restoredOpen, foldMaxRssMb, save: step(save), load: step(load) }));
}

/** Its own scope: the folded projection is garbage before the load, as in a fresh start. */
async function foldAndSave(orders: number, path: string): Promise<{ open: number; foldMaxRssMb: number; save: Step<void> }> {
  const projection = await foldSeededOrders(orders);
  const foldMaxRssMb = mb(process.resourceUsage().maxRSS * 1024);
  const store = new SqliteEtaViewStore(path);
  const position = await projection.checkpoint();
  const save = await measured(() => store.saveState(projection.snapshot(), position));
  store.close();
  return { open: projection.openCount(), foldMaxRssMb, save };
}

void main();
