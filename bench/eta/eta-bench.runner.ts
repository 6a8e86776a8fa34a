import type { OlistOrder } from '@ot/replay';
import { type EtaBenchResult, etaBenchMetrics } from './eta-bench.metrics';
import { type InProcessOptions, replayInProcess, type ReplayObservations } from './in-process.replay';

/** Replays the orders in process and scores the ETA model and the delay alerts. */
export async function runEtaBench(
  orders: readonly OlistOrder[],
  opts: InProcessOptions,
): Promise<{ result: EtaBenchResult; observations: ReplayObservations }> {
  const observations = await replayInProcess(orders, opts);
  return { result: etaBenchMetrics(orders, observations, opts.timeZone), observations };
}
