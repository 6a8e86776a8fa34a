import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const DATA = join(ROOT, '../shared/data/olist-orders.csv');

/** A command's script from source (`node -r swc-register <script> <args>`), with nothing of the test's environment. */
const runScript = (script: string, args: readonly string[]) =>
  spawnSync(process.execPath, ['-r', join(ROOT, 'scripts/swc-register.js'), join(ROOT, script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
    timeout: 30_000,
  });

type Case = [what: string, args: string[], names: RegExp];
type Command = { name: string; script: string; fixed: string[]; usage: string; began: RegExp; cases: Case[] };

const COMMANDS: Command[] = [
  {
    // aimed at a port nothing listens on: a bad argument must stop it before any request
    name: 'npm run replay',
    script: 'scripts/replay.ts',
    fixed: ['--url', 'http://127.0.0.1:9'],
    usage: 'usage: npm run replay -- --data <csv>',
    began: /replay \[|ECONNREFUSED/, // progress, or a request tried
    cases: [
      ['a mistyped option (the whole file would go)', ['--data', DATA, '--limt', '5'], /--limt/],
      ['a limit that is not a number (nothing would go)', ['--data', DATA, '--limit', 'abc'], /--limit/],
      ['a negative limit (the whole file would go)', ['--data', DATA, '--limit', '-5'], /--limit/],
      ['no requests in flight (it would end at once, silently)', ['--data', DATA, '--concurrency', '0'], /--concurrency/],
      ['a concurrency that is not a number', ['--data', DATA, '--concurrency', 'abc'], /--concurrency/],
      ['a stray word', ['--data', DATA, 'fast'], /fast/],
    ],
  },
  {
    // a bad argument must stop it before the replay, not score another model
    name: 'npm run bench:eta',
    script: 'bench/eta/eta.bench.ts',
    fixed: [],
    usage: 'usage: npm run bench:eta -- --data <csv>',
    began: /bench:eta \[/, // a progress line: the replay started
    cases: [
      ['a mistyped option (the whole model would be scored)', ['--data', DATA, '--withot', 'seller'], /--withot/],
      ['a limit that is not a number', ['--data', DATA, '--limit', 'abc'], /--limit/],
      ['a negative limit', ['--data', DATA, '--limit', '-5'], /--limit/],
      ['a calibration that is not a number', ['--data', DATA, '--calibrate', 'x'], /--calibrate/],
      ['a stray word', ['--data', DATA, 'fast'], /fast/],
    ],
  },
  {
    // a bad argument must stop it before today's model is replayed (a minute and more of work)
    name: 'offline-reference',
    script: 'bench/eta/offline-reference.bench.ts',
    fixed: [],
    usage: 'usage: node dist/bench/eta/offline-reference.bench.js --data <csv>',
    began: /today's model replayed|reference: \d+ retrains/,
    cases: [
      ['a mistyped option (the default would be scored)', ['--data', DATA, '--tress', '50'], /--tress/],
      ['trees that are not a number', ['--data', DATA, '--trees', 'abc'], /--trees/],
      ['a negative shrinkage', ['--data', DATA, '--shrinkage', '-0.1'], /--shrinkage/],
      ['a bound it does not know', ['--data', DATA, '--bound', 'future'], /--bound/],
      ['a stray word', ['--data', DATA, 'fast'], /fast/],
    ],
  },
  {
    // a bad argument must stop it before a service is started
    name: 'npm run bench:journey',
    script: 'bench/journey/journey.bench.ts',
    fixed: [],
    usage: 'usage: npm run bench:journey --',
    began: /bench:journey: \d+ orders/,
    cases: [
      ['a mistyped option (the whole file would go)', ['--data', DATA, '--order', '5'], /--order/],
      ['orders that are not a number', ['--data', DATA, '--orders', 'abc'], /--orders/],
      ['a port out of range', ['--data', DATA, '--port', '70000'], /--port/],
      ['a stray word', ['--data', DATA, 'fast'], /fast/],
    ],
  },
];

describe.each(COMMANDS)('$name with arguments it cannot use', ({ script, fixed, usage, began, cases }) => {
  it.each(cases)('stops at %s: names it, prints the usage, exit 2, no work begun', (_what, args, names) => {
    const result = runScript(script, [...fixed, ...args]);
    expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 2, stdout: '' });
    expect(result.stderr).toMatch(names);
    expect(result.stderr).toContain(usage);
    expect(result.stderr).not.toMatch(began);
  });
});
