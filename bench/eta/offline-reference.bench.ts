/**
 * npm run build && node dist/bench/eta/offline-reference.bench.js --data <csv> [--limit N]
 *   [--trees N] [--depth N] [--shrinkage X] [--horizon DAYS] [--retrain DAYS] [--bound time|random]
 *
 * The file's headroom for the expected day (docs/ETA.md, session 12): replays the orders through today's model as
 * bench:eta does, then walks the same file with an offline reference (offline-reference.ts: boosted trees of each
 * stage's log remaining duration on all past deliveries, retrained weekly) and scores, with bench:eta's own metrics, the
 * expected day of today's model, of the reference, and of their average (the mean of the reference's instant and the
 * middle of today's expected day). Orders started before the reference's first training keep today's expected day in
 * the reference's and the average's figures; `covered` scores only the orders the reference forecast.
 * Monthly tables to stderr; one JSON object on the last stdout line. The options override REFERENCE (a priori) for
 * sensitivity records only. `--bound` is not a forecast: delivered orders get 5-fold cross-fitted durations, the
 * future included (offline-reference.ts, Bound), to read what the features could reach were the future known.
 */
import type { EtaView } from '@ot/application';
import { etaModelTime } from '@ot/calendar';
import { epochOfLocal, localDateOf } from '@ot/domain';
import { readOlistOrders } from '@ot/replay';
import { monthlyMae, monthlyMaeTable } from './eta-bench.monthly';
import { etaBenchMetrics } from './eta-bench.metrics';
import { runEtaBench } from './eta-bench.runner';
import type { ReplayObservations } from './in-process.replay';
import { exitWithUsage, numberOption, parseCommandOptions, wholeNumberOption } from '@ot/config';
import { offlineReference, REFERENCE, type ReferenceForecasts, type ReferenceSettings, type Stage, withExpected } from './offline-reference';

const TIME_ZONE = 'America/Sao_Paulo';

type Mae = { placed: number; handoff: number };
const USAGE =
  'usage: node dist/bench/eta/offline-reference.bench.js --data <csv> [--limit N] [--trees N] [--depth N] [--shrinkage X]\n' +
  '  [--horizon DAYS] [--retrain DAYS] [--bound time|random]';

async function main(): Promise<void> {
  const values = parseCommandOptions(USAGE, process.argv.slice(2), {
    data: { type: 'string' },
    limit: { type: 'string' },
    trees: { type: 'string' },
    depth: { type: 'string' },
    shrinkage: { type: 'string' },
    retrain: { type: 'string' },
    horizon: { type: 'string' },
    bound: { type: 'string' },
  });
  const data = values.data;
  if (typeof data !== 'string') exitWithUsage(USAGE);
  const bound = values.bound;
  if (bound !== undefined && bound !== 'time' && bound !== 'random') exitWithUsage(`--bound must be time or random, got ${String(bound)}\n${USAGE}`);
  // every option read before the minute-long replay, so a bad one stops it
  const num = (name: string, fallback: number): number => numberOption(USAGE, values, name, 0) ?? fallback;
  const limit = wholeNumberOption(USAGE, values, 'limit', 1);
  const trees = {
    ...REFERENCE.trees,
    trees: num('trees', REFERENCE.trees.trees),
    depth: num('depth', REFERENCE.trees.depth),
    shrinkage: num('shrinkage', REFERENCE.trees.shrinkage),
  };
  const retrainDays = num('retrain', REFERENCE.retrainDays);
  const horizonDays = num('horizon', REFERENCE.horizonDays);
  const orders = readOlistOrders(data, limit);
  const { observations } = await runEtaBench(orders, { timeZone: TIME_ZONE });
  console.error(`today's model replayed in ${observations.wallSeconds.toFixed(1)} s`);

  let retrains = 0;
  let trainMs = 0;
  const started = Date.now();
  const settings: ReferenceSettings = { trees, retrainDays, minRows: REFERENCE.minRows, horizonDays };
  const modelTime = etaModelTime({ days: 'business', country: 'BR', timeZone: TIME_ZONE });
  const onRetrain = (_s: Stage, _rows: number, ms: number): void => {
    retrains++;
    trainMs += ms;
  };
  const reference = offlineReference(orders, TIME_ZONE, modelTime, settings, onRetrain, bound);
  console.error(`reference: ${retrains} retrains, ${(trainMs / 1000).toFixed(1)} s training, ${((Date.now() - started) / 1000).toFixed(1)} s in all`);

  const noon = (day: string): number => epochOfLocal(`${day}T12:00:00`, TIME_ZONE);
  const variant = (expectedOf: (stage: Stage, v: EtaView, at: number) => string, only?: ReferenceForecasts): ReplayObservations => {
    const pick = (stage: Stage, views: ReadonlyMap<string, EtaView>): Map<string, EtaView> => {
      const kept = only ? new Map([...views].filter(([id]) => only[stage].has(id))) : views;
      return withExpected(kept, (id, v) => {
        const at = reference[stage].get(id);
        return at === undefined ? v.expected : expectedOf(stage, v, at);
      });
    };
    return { ...observations, atPlaced: pick('placed', observations.atPlaced), atHandoff: pick('handed', observations.atHandoff) };
  };
  const today = (_s: Stage, v: EtaView): string => v.expected;
  const ref = (_s: Stage, _v: EtaView, at: number): string => localDateOf(at, TIME_ZONE);
  const average = (_s: Stage, v: EtaView, at: number): string => localDateOf((noon(v.expected) + at) / 2, TIME_ZONE);
  const mae = (obs: ReplayObservations): Mae => {
    const r = etaBenchMetrics(orders, obs, TIME_ZONE);
    return { placed: r.mae_expected_at_placed_days, handoff: r.mae_expected_at_handoff_days };
  };
  const variants = { today, reference: ref, average };
  const result: Record<string, unknown> = { orders: orders.length, settings, ...(bound && { bound }), retrains, train_seconds: Math.round(trainMs / 100) / 10 };
  for (const [name, f] of Object.entries(variants)) {
    const obs = variant(f);
    result[name] = mae(obs);
    result[`${name}_covered`] = mae(variant(f, reference));
    if (name !== 'today') console.error(`${name}:\n${monthlyMaeTable(monthlyMae(orders, obs))}`);
  }
  result.covered = { placed: reference.placed.size, handed: reference.handed.size };
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(2);
});
