import { startChild } from '../lib/child';
import type { EtaLearnerMemoryFigures, EtaTickFigures } from '../workers/eta-tick.worker';

/** One ETA clock tick over `orders` open orders, in a child of its own (fresh heap): open orders per CPU second. */
export async function etaTickPhase(opts: { orders: number }): Promise<EtaTickFigures> {
  // a million open orders with their documents and the seed's transient snapshot pass node's default 4 GB heap limit closely
  const child = await startChild(
    'workers/eta-tick.worker.js',
    { ETA_TICK_ORDERS: String(opts.orders), ETA_TICK_MODE: 'tick' },
    { timeoutMs: 60 * 60_000, execArgv: ['--max-old-space-size=8192'] },
  );
  await child.stop();
  return child.ready.result as EtaTickFigures;
}

/** RSS of a process holding only the ETA learner with `orders` open parcels, after a full GC. */
export async function etaLearnerMemoryPhase(opts: { orders: number }): Promise<EtaLearnerMemoryFigures> {
  const child = await startChild(
    'workers/eta-tick.worker.js',
    { ETA_TICK_ORDERS: String(opts.orders), ETA_TICK_MODE: 'memory' },
    { timeoutMs: 60 * 60_000, execArgv: ['--expose-gc'] },
  );
  await child.stop();
  return child.ready.result as EtaLearnerMemoryFigures;
}
