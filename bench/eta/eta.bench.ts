/**
 * npm run bench:eta -- --data <csv> [--limit N] [--without seller,calendar,promise,effects] [--with handover]
 *   [--calibrate 300] [--calibrate-levels 300] [--window shortest|equal-tailed] [--joint off|replace]
 *   [--joint-without lead,effects,time,parcel,stack] [--joint-spread-off] [--joint-trees off|centred|level]
 *
 * Replays an Olist order file in process (no HTTP) through the ETA projection and the delay
 * reactor, walk-forward, and prints the scores as one JSON object on the last stdout line.
 * Progress, diagnostics and the MAE per month go to stderr. `--without` turns parts of the model off
 * (ETA_PARTS), `--with` turns parts off by default on (ETA_OPT_IN_PARTS), `--calibrate N` turns the residual
 * calibration on, `--calibrate-levels N` the window's levels (WindowLevels), `--window` picks the window's interval
 * (EtaModelConfig.window), `--joint` the joint linear model and `--joint-without` its feature groups left out
 * (EtaModelConfig.jointModel, jointWithout), for the ablations in docs/ETA.md.
 */
import { JOINT_FEATURE_GROUPS, type JointFeatureGroup } from '@ot/domain';
import { ProgressLine, readOlistOrders } from '@ot/replay';
import { monthlyMae, monthlyMaeTable } from './eta-bench.monthly';
import { windowMisses } from './eta-bench.metrics';
import { runEtaBench } from './eta-bench.runner';
import { ETA_OPT_IN_PARTS, ETA_PARTS, type EtaOptInPart, type EtaPart } from './in-process.replay';
import { exitWithUsage, parseCommandOptions, wholeNumberOption } from '@ot/config';

const TIME_ZONE = 'America/Sao_Paulo';
const USAGE = [
  `usage: npm run bench:eta -- --data <csv> [--limit N] [--without ${ETA_PARTS.join(',')}] [--with ${ETA_OPT_IN_PARTS.join(',')}]`,
  '  [--calibrate N] [--calibrate-levels N] [--window shortest|equal-tailed] [--joint off|replace]',
  `  [--joint-without ${JOINT_FEATURE_GROUPS.join(',')}] [--joint-spread-off] [--joint-trees off|centred|level]`,
].join('\n');

const STRING_OPTIONS = ['data', 'limit', 'without', 'with', 'calibrate', 'calibrate-levels', 'window', 'joint', 'joint-without', 'joint-trees'];

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const options = parseCommandOptions(USAGE, argv, {
    ...Object.fromEntries(STRING_OPTIONS.map((name) => [name, { type: 'string' as const }])),
    'joint-spread-off': { type: 'boolean' },
  });
  const value = (name: string): string | undefined => options[name] as string | undefined;
  const data = value('data');
  if (!data) exitWithUsage(USAGE);
  const without = new Set((value('without') ?? '').split(',').filter(Boolean));
  for (const part of without) if (!(ETA_PARTS as readonly string[]).includes(part)) throw new Error(`--without: one of ${ETA_PARTS.join(', ')}`);
  const withParts = new Set((value('with') ?? '').split(',').filter(Boolean));
  for (const part of withParts) if (!(ETA_OPT_IN_PARTS as readonly string[]).includes(part)) throw new Error(`--with: one of ${ETA_OPT_IN_PARTS.join(', ')}`);
  const window = value('window');
  if (window !== undefined && window !== 'shortest' && window !== 'equal-tailed') throw new Error('--window: shortest or equal-tailed');
  const joint = value('joint');
  if (joint !== undefined && joint !== 'off' && joint !== 'replace') throw new Error('--joint: off or replace');
  const jointTrees = value('joint-trees');
  if (jointTrees !== undefined && jointTrees !== 'off' && jointTrees !== 'centred' && jointTrees !== 'level')
    throw new Error('--joint-trees: off, centred or level');
  const jointWithout = (value('joint-without') ?? '').split(',').filter(Boolean);
  for (const g of jointWithout)
    if (!(JOINT_FEATURE_GROUPS as readonly string[]).includes(g)) throw new Error(`--joint-without: one of ${JOINT_FEATURE_GROUPS.join(', ')}`);
  const calibrate = wholeNumberOption(USAGE, options, 'calibrate', 0);
  const calibrateLevels = wholeNumberOption(USAGE, options, 'calibrate-levels', 0);
  const orders = readOlistOrders(data, wholeNumberOption(USAGE, options, 'limit', 1));
  let progress: ProgressLine | undefined;
  const { result, observations } = await runEtaBench(orders, {
    timeZone: TIME_ZONE,
    without: without as Set<EtaPart>,
    with: withParts as Set<EtaOptInPart>,
    ...(calibrate !== undefined && { calibrate }),
    ...(calibrateLevels !== undefined && { calibrateLevels }),
    ...(window !== undefined && { window }),
    ...(joint !== undefined && { joint }),
    ...(jointWithout.length > 0 && { jointWithout: jointWithout as JointFeatureGroup[] }),
    ...(options['joint-spread-off'] === true && { jointSpread: false }),
    ...(jointTrees !== undefined && { jointTrees }),
    onProgress: (done, total, simDay) =>
      (progress ??= new ProgressLine('bench:eta', total)).update(done, `orders ${orders.length} sim ${simDay}`, done === total),
  });
  progress?.done();
  const { systemEvents, rejected, ticks, wallSeconds } = observations;
  console.error(JSON.stringify({ systemEvents, rejected, ticks, wallSeconds: Math.round(wallSeconds * 10) / 10 }));
  console.error(JSON.stringify({ window_misses_at_placement: windowMisses(orders, observations) }));
  console.error(monthlyMaeTable(monthlyMae(orders, observations)));
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(2);
});
