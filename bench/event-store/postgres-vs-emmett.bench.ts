/**
 * Our PostgreSQL event store against Emmett's (@event-driven-io/emmett-postgresql), side by side.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_pgstore npm run bench:pg
 *
 * Same server, same ~300-byte events, same pool size. Ours runs in a fresh schema of DATABASE_URL,
 * Emmett in `public` of `<db>_emmett` (created on first use), both emptied before each case. Ours
 * runs twice: as released ("after") and with migration 3's append function put back ("before").
 * Each store runs in a child process of its own (Emmett's driver changes pg's global type parsers);
 * they take turns case by case for BENCH_ROUNDS rounds (default 3). Per case: the rate, and per
 * operation the client's CPU, the server backends' CPU and the statements sent, medians over the
 * rounds; the ratio is the median of each round's ours/emmett rate, with their range. On a shared
 * machine the CPU per operation is the figure to compare: one awaited writer's rate is the disk's
 * flush rate, which other jobs move severalfold.
 * BENCH_SCALE (default 1) scales the number of operations; BENCH_CASES (a regular expression on the
 * case names) picks cases. The last line is JSON.
 */
import { refuseArguments } from '@ot/config';
import { fork } from 'node:child_process';
import { median } from '../lib/stats';
import { CASES, type CaseResult } from './pg-bench.cases';
import { countRoundTrips } from './pg-bench.cpu';
import { type Floor, measureFloor } from './pg-bench.floor';
import { openStore, POOL_SIZE, type StoreName } from './pg-bench.stores';

const connectionString = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const STORES: StoreName[] = ['ours-before', 'ours', 'emmett'];

/** In the child: runs the case the parent names on a fresh store and answers with its result. */
function serveCases(name: StoreName): void {
  countRoundTrips();
  process.on('message', (i: number) => {
    void (async () => {
      const store = await openStore(name, connectionString);
      try {
        const { count, seconds, ...cost } = await CASES[i].run(store);
        process.send!({ name: CASES[i].name, unit: CASES[i].unit, count, seconds, rate: count / seconds, ...cost } satisfies CaseResult);
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

const fmt = (x: number): string => Math.round(x).toLocaleString('en');

type Side = { rate: number; clientUs: number; serverUs: number; roundTrips: number };

/** Medians over the rounds of one store's results for one case; CPU and statements per operation. */
function sideOf(results: CaseResult[]): Side {
  return {
    rate: Math.round(median(results.map((r) => r.rate))),
    clientUs: Math.round(median(results.map((r) => (r.clientCpuMs * 1000) / r.count))),
    serverUs: Math.round(median(results.map((r) => (r.serverCpuMs * 1000) / r.count))),
    roundTrips: Number(median(results.map((r) => r.roundTrips / r.count)).toFixed(2)),
  };
}

async function main(): Promise<void> {
  // case by case, the stores taking turns (the order rotates each round), so a noisy neighbour on
  // this shared machine hits every side of a comparison alike
  const runners = Object.fromEntries(STORES.map((name) => [name, startChild(name)])) as Record<StoreName, Runner>;
  const rounds = Object.fromEntries(STORES.map((name) => [name, [] as CaseResult[][]])) as Record<StoreName, CaseResult[][]>;
  const floors: Floor[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    floors.push(await measureFloor(connectionString));
    const order = STORES.map((_, k) => STORES[(k + r) % STORES.length]);
    for (const name of order) rounds[name].push([]);
    for (let i = 0; i < CASES.length; i++) for (const name of order) rounds[name][r].push(await runners[name].run(i));
  }
  for (const name of STORES) runners[name].stop();

  const rows = CASES.map((c, i) => {
    const [before, ours, emmett] = STORES.map((name) => sideOf(rounds[name].map((round) => round[i])));
    // the stores ran back to back in each round and the load moves severalfold between rounds,
    // so the ratio is the median of the rounds' own ratios, not a ratio of medians
    const perRound = rounds.ours.map((round, r) => Number((round[i].rate / rounds.emmett[r][i].rate).toFixed(2)));
    return { case: c.name, unit: c.unit, before, ours, emmett, ratio: median(perRound), ratioPerRound: perRound };
  });
  const floor = { roundTripsPerS: median(floors.map((f) => f.roundTripsPerS)), commitsPerS: median(floors.map((f) => f.commitsPerS)) };
  const width = Math.max(...rows.map((r) => r.case.length));
  const side = (s: Side) =>
    `${fmt(s.rate).padStart(7)} ${String(s.clientUs).padStart(5)} ${String(s.serverUs).padStart(5)} ${s.roundTrips.toFixed(2).padStart(5)}`;
  console.log(`server floor for one awaited caller: ${fmt(floor.roundTripsPerS)} round trips/s, ${fmt(floor.commitsPerS)} autocommit INSERTs/s`);
  console.log(`per store: rate/s, client CPU us/op, server CPU us/op, statements/op`);
  console.log(`${'case'.padEnd(width)}  ${'ours before'.padEnd(24)}  ${'ours after'.padEnd(24)}  ${'emmett'.padEnd(24)}  after/emmett  per round`);
  for (const r of rows)
    console.log(
      `${r.case.padEnd(width)}  ${side(r.before)}  ${side(r.ours)}  ${side(r.emmett)}  ${r.ratio.toFixed(2).padStart(12)}  ${Math.min(...r.ratioPerRound).toFixed(2)}-${Math.max(...r.ratioPerRound).toFixed(2)}`,
    );
  console.log(
    JSON.stringify({ bench: 'postgres-vs-emmett', rounds: ROUNDS, poolSize: POOL_SIZE, scale: Number(process.env.BENCH_SCALE ?? 1), floor, cases: rows }),
  );
}

const [flag, name] = process.argv.slice(2);
if (flag === '--child') serveCases(name as StoreName);
else {
  refuseArguments("usage: npm run bench:pg\n  settings in DATABASE_URL, BENCH_ROUNDS, BENCH_SCALE, BENCH_CASES (see the file's head)");
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
