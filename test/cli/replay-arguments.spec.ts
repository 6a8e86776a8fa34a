import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const DATA = join(ROOT, '../shared/data/olist-orders.csv');

/** `npm run replay -- <args>` from source, aimed at a port nothing listens on: a bad argument must stop it before any request. */
const replay = (...args: string[]) =>
  spawnSync(process.execPath, ['-r', join(ROOT, 'scripts/swc-register.js'), join(ROOT, 'scripts/replay.ts'), '--url', 'http://127.0.0.1:9', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
    timeout: 30_000,
  });

describe('npm run replay with arguments it cannot use', () => {
  it.each<[string, string[], RegExp]>([
    ['a mistyped option (the whole file would go)', ['--data', DATA, '--limt', '5'], /--limt/],
    ['a limit that is not a number (nothing would go)', ['--data', DATA, '--limit', 'abc'], /--limit/],
    ['a negative limit (the whole file would go)', ['--data', DATA, '--limit', '-5'], /--limit/],
    ['no requests in flight (it would end at once, silently)', ['--data', DATA, '--concurrency', '0'], /--concurrency/],
    ['a concurrency that is not a number', ['--data', DATA, '--concurrency', 'abc'], /--concurrency/],
    ['a stray word', ['--data', DATA, 'fast'], /fast/],
  ])('stops at %s: names it, prints the usage, exit 2, nothing sent', (_what, args, names) => {
    const result = replay(...args);
    expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 2, stdout: '' });
    expect(result.stderr).toMatch(names);
    expect(result.stderr).toContain('usage: npm run replay -- --data <csv>');
    expect(result.stderr).not.toMatch(/replay \[|ECONNREFUSED/); // no progress, no request tried
  });
});
