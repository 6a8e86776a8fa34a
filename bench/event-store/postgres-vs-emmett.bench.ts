/**
 * Our PostgreSQL event store against Emmett's (@event-driven-io/emmett-postgresql), side by side.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_pgstore npm run bench:pg
 *
 * Same server, same ~300-byte events, same pool size. Ours runs in a fresh schema of DATABASE_URL,
 * Emmett in `public` of `<db>_emmett` (created on first use), both emptied before each case. Each
 * store runs in a child process of its own (Emmett's driver changes pg's global type parsers); the
 * two take turns case by case for BENCH_ROUNDS rounds (default 3). Rates are medians over the rounds;
 * the ratio is the median of each round's ours/emmett, with their range.
 * BENCH_SCALE (default 1) scales the number of operations; BENCH_CASES (a regular expression on the
 * case names) picks cases. The last line is JSON.
 */
import { fork } from 'node:child_process';
import { CASES, type CaseResult } from './pg-bench.cases';
import { type Floor, measureFloor } from './pg-bench.floor';
import { openStore, POOL_SIZE, type StoreName } from './pg-bench.stores';

const connectionString = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** In the child: runs the case the parent names on a fresh store and answers with its result. */
function serveCases(name: StoreName): void {
  process.on('message', (i: number) => {
    void (async () => {
      const store = await openStore(name, connectionString);
      try {
        const { count, seconds } = await CASES[i].run(store);
        process.send!({ name: CASES[i].name, unit: CASES[i].unit, count, seconds, rate: count / seconds } satisfies CaseResult);
      } finally {
        await store.dispose();
      }
    })().catch((error: unknown) => (console.error(error), process.exit(1)));
  });
  process.on('disconnect', () => process.exit(0));
}

type Runner = { run(i: number): Promise<CaseResult>; stop(): void };

function startChild(name: StoreName): Runner {
  const child = fork(__filename, ['--child', name], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return {
    run: (i) =>
      new Promise((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`${name} bench exited with ${code}`));
        child.once('exit', onExit);
        child.once('message', (result: CaseResult) => (child.off('exit', onExit), resolve(result)));
        child.send(i);
      }),
    stop: () => child.disconnect(),
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x: number): string => Math.round(x).toLocaleString('en');

async function main(): Promise<void> {
  // case by case, the two stores alternating (who goes first swaps each round), so a noisy
  // neighbour on this shared machine hits both sides of a ratio alike
  const runners = { ours: startChild('ours'), emmett: startChild('emmett') };
  const rounds: Record<StoreName, CaseResult[][]> = { ours: [], emmett: [] };
  const floors: Floor[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    floors.push(await measureFloor(connectionString));
    const order: StoreName[] = r % 2 ? ['emmett', 'ours'] : ['ours', 'emmett'];
    for (const name of order) rounds[name].push([]);
    for (let i = 0; i < CASES.length; i++) for (const name of order) rounds[name][r].push(await runners[name].run(i));
  }
  runners.ours.stop();
  runners.emmett.stop();

  const rows = CASES.map((c, i) => {
    const ours = median(rounds.ours.map((round) => round[i].rate));
    const emmett = median(rounds.emmett.map((round) => round[i].rate));
    // the stores ran back to back in each round and the load moves severalfold between rounds,
    // so the ratio is the median of the rounds' own ratios, not a ratio of medians
    const perRound = rounds.ours.map((round, r) => Number((round[i].rate / rounds.emmett[r][i].rate).toFixed(2)));
    return {
      case: c.name,
      unit: c.unit,
      ours: Math.round(ours),
      emmett: Math.round(emmett),
      ratio: median(perRound),
      ratioPerRound: perRound,
    };
  });
  const floor = { roundTripsPerS: median(floors.map((f) => f.roundTripsPerS)), commitsPerS: median(floors.map((f) => f.commitsPerS)) };
  const width = Math.max(...rows.map((r) => r.case.length));
  console.log(`server floor for one awaited caller: ${fmt(floor.roundTripsPerS)} round trips/s, ${fmt(floor.commitsPerS)} autocommit INSERTs/s`);
  console.log(`${'case'.padEnd(width)}  ${'unit'.padEnd(9)}  ${'ours'.padStart(9)}  ${'emmett'.padStart(9)}  ours/emmett  per round`);
  for (const r of rows)
    console.log(
      `${r.case.padEnd(width)}  ${r.unit.padEnd(9)}  ${fmt(r.ours).padStart(9)}  ${fmt(r.emmett).padStart(9)}  ${r.ratio.toFixed(2).padStart(11)}  ${Math.min(...r.ratioPerRound).toFixed(2)}-${Math.max(...r.ratioPerRound).toFixed(2)}`,
    );
  console.log(
    JSON.stringify({ bench: 'postgres-vs-emmett', rounds: ROUNDS, poolSize: POOL_SIZE, scale: Number(process.env.BENCH_SCALE ?? 1), floor, cases: rows }),
  );
}

const [flag, name] = process.argv.slice(2);
if (flag === '--child') serveCases(name as StoreName);
else
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
