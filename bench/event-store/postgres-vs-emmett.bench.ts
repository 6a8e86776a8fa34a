/**
 * Our PostgreSQL event store against Emmett's (@event-driven-io/emmett-postgresql), side by side.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_pgstore npm run bench:pg
 *
 * Same server, same ~300-byte events, same pool size. Ours runs in a fresh schema of DATABASE_URL,
 * Emmett in `public` of `<db>_emmett` (created on first use), both emptied before each case. Each
 * store runs in a child process of its own (Emmett's driver changes pg's global type parsers), the
 * two alternating for BENCH_ROUNDS rounds (default 3); the median of the rounds is printed.
 * BENCH_SCALE (default 1) scales the number of operations. The last line is JSON.
 */
import { fork } from 'node:child_process';
import { CASES, type CaseResult } from './pg-bench.cases';
import { openStore, POOL_SIZE, type StoreName } from './pg-bench.stores';

const connectionString = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** In the child: every case on a fresh store, results to the parent. */
async function runCases(name: StoreName): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const c of CASES) {
    const store = await openStore(name, connectionString);
    try {
      const { count, seconds } = await c.run(store);
      results.push({ name: c.name, unit: c.unit, count, seconds, rate: count / seconds });
    } finally {
      await store.dispose();
    }
  }
  return results;
}

function inChild(name: StoreName): Promise<CaseResult[]> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--child', name], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let results: CaseResult[] | undefined;
    child.on('message', (message: CaseResult[]) => (results = message));
    child.on('exit', (code) => (results ? resolve(results) : reject(new Error(`${name} bench exited with ${code}`))));
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x: number): string => Math.round(x).toLocaleString('en');

async function main(): Promise<void> {
  const rounds: Record<StoreName, CaseResult[][]> = { ours: [], emmett: [] };
  for (let r = 0; r < ROUNDS; r++) for (const name of ['ours', 'emmett'] as const) rounds[name].push(await inChild(name));

  const rows = CASES.map((c, i) => {
    const ours = median(rounds.ours.map((round) => round[i].rate));
    const emmett = median(rounds.emmett.map((round) => round[i].rate));
    return { case: c.name, unit: c.unit, ours: Math.round(ours), emmett: Math.round(emmett), ratio: Number((ours / emmett).toFixed(2)) };
  });
  const width = Math.max(...rows.map((r) => r.case.length));
  console.log(`${'case'.padEnd(width)}  ${'unit'.padEnd(9)}  ${'ours'.padStart(9)}  ${'emmett'.padStart(9)}  ours/emmett`);
  for (const r of rows)
    console.log(`${r.case.padEnd(width)}  ${r.unit.padEnd(9)}  ${fmt(r.ours).padStart(9)}  ${fmt(r.emmett).padStart(9)}  ${r.ratio.toFixed(2).padStart(11)}`);
  console.log(JSON.stringify({ bench: 'postgres-vs-emmett', rounds: ROUNDS, poolSize: POOL_SIZE, scale: Number(process.env.BENCH_SCALE ?? 1), cases: rows }));
}

const [flag, name] = process.argv.slice(2);
if (flag === '--child')
  runCases(name as StoreName).then(
    (results) => process.send!(results, () => process.exit(0)),
    (error: unknown) => (console.error(error), process.exit(1)),
  );
else
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
