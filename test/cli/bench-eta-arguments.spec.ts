import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const DATA = join(ROOT, '../shared/data/olist-orders.csv');

/** `npm run bench:eta -- <args>` from source: a bad argument must stop it before the replay, not score another model. */
const benchEta = (...args: string[]) =>
  spawnSync(process.execPath, ['-r', join(ROOT, 'scripts/swc-register.js'), join(ROOT, 'bench/eta/eta.bench.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
    timeout: 30_000,
  });

describe('npm run bench:eta with arguments it cannot use', () => {
  it.each<[string, string[], RegExp]>([
    ['a mistyped option (the whole model would be scored)', ['--data', DATA, '--withot', 'seller'], /--withot/],
    ['a limit that is not a number', ['--data', DATA, '--limit', 'abc'], /--limit/],
    ['a negative limit', ['--data', DATA, '--limit', '-5'], /--limit/],
    ['a calibration that is not a number', ['--data', DATA, '--calibrate', 'x'], /--calibrate/],
    ['a stray word', ['--data', DATA, 'fast'], /fast/],
  ])('stops at %s: names it, prints the usage, exit 2, no replay', (_what, args, names) => {
    const result = benchEta(...args);
    expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 2, stdout: '' });
    expect(result.stderr).toMatch(names);
    expect(result.stderr).toContain('usage: npm run bench:eta -- --data <csv>');
    expect(result.stderr).not.toContain('bench:eta ['); // no progress line: the replay never started
  });
});
